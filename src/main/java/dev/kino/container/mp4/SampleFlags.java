package dev.kino.container.mp4;

/**
 * The 32-bit sample flags of {@code trex}, {@code tfhd} and {@code trun} (ISO/IEC 14496-12 §8.8.3.1):
 * is_leading(2) depends_on(2) is_depended_on(2) has_redundancy(2) padding(3) is_non_sync_sample(1) priority(16),
 * after four reserved bits.
 */
final class SampleFlags {
    private SampleFlags() {}

    /** A decoder can start at this sample: it depends on no other ({@code depends_on == 2}) or is a sync sample. */
    static boolean isSync(int flags) {
        int dependsOn = (flags >>> 24) & 0x3;
        boolean nonSync = ((flags >>> 16) & 0x1) != 0;
        return dependsOn == 2 || !nonSync;
    }
}
