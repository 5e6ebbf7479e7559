package dev.kino.container.mp4;

/**
 * Size limits checked against box headers before anything is allocated.
 *
 * @param maxInitBytes     the init segment ({@code ftyp} + {@code moov})
 * @param maxFragmentBytes one fragment ({@code styp}/{@code sidx} + {@code moof} + {@code mdat}); also the most bytes
 *                         of a skipped box ({@code free}, {@code skip}, unknown)
 */
public record Fmp4Limits(int maxInitBytes, int maxFragmentBytes) {
    public static final Fmp4Limits DEFAULT = new Fmp4Limits(4 << 20, 64 << 20);

    public Fmp4Limits {
        if (maxInitBytes < 16 || maxFragmentBytes < 16) {
            throw new IllegalArgumentException("limits must be at least 16 bytes: " + maxInitBytes + ", " + maxFragmentBytes);
        }
    }
}
