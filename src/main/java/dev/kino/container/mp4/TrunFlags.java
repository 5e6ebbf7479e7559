package dev.kino.container.mp4;

/** The flags of a {@code trun} box (ISO/IEC 14496-12 §8.8.8): which fields it carries. */
final class TrunFlags {
    static final int DATA_OFFSET = 0x01;
    static final int FIRST_SAMPLE_FLAGS = 0x04;
    static final int DURATION = 0x100;
    static final int SIZE = 0x200;
    static final int FLAGS = 0x400;
    static final int COMPOSITION_OFFSET = 0x800;

    private TrunFlags() {}
}
