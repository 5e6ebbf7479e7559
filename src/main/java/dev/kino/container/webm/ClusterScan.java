package dev.kino.container.webm;

import dev.kino.container.ParseException;
import java.util.Set;

/**
 * What one Cluster tells the listener, gathered child by child: its Timecode, the first block's relative timecode,
 * and whether the first video block is a keyframe (SimpleBlock flag 0x80; a BlockGroup without ReferenceBlock).
 */
final class ClusterScan {
    private final Set<Long> videoTracks;
    private long timecode = -1;
    private boolean blockSeen;
    private int firstBlockTimecode;
    private boolean videoSeen;
    private boolean videoKeyframe;
    private int videoFrameOffset = -1;
    private int videoFrameLength;

    /** @param videoTracks the TrackNumbers of the video tracks; empty for an audio-only stream */
    ClusterScan(Set<Long> videoTracks) {
        this.videoTracks = videoTracks;
    }

    /** Looks at every child of a Cluster body held in {@code buf[off, off + len)}. */
    void children(byte[] buf, int off, int len) throws ParseException {
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            child(children.id(), buf, children.bodyOffset(), children.bodySize());
        }
    }

    /** Looks at one Cluster child whose body is {@code buf[off, off + len)}. */
    void child(int id, byte[] buf, int off, int len) throws ParseException {
        switch (id) {
            case ElementId.TIMECODE -> {
                if (len > 8 || (timecode = EbmlReader.readUnsigned(buf, off, len)) < 0) {
                    throw ParseException.malformed("Cluster Timecode out of range");
                }
            }
            case ElementId.SIMPLE_BLOCK -> block(buf, off, len, true, false);
            case ElementId.BLOCK_GROUP -> blockGroup(buf, off, len);
            default -> { }
        }
    }

    /** True if the first video block is a keyframe; for an audio-only stream always true. */
    boolean keyframe() {
        return videoTracks.isEmpty() || (videoSeen && videoKeyframe);
    }

    /** Cluster Timecode plus the first block's relative timecode, in milliseconds. */
    long timestampMillis(long timecodeScale) throws ParseException {
        if (timecode < 0) {
            throw ParseException.malformed("Cluster without a Timecode");
        }
        if (timecode > Long.MAX_VALUE - Short.MAX_VALUE) {
            throw ParseException.malformed("Cluster Timecode out of range");
        }
        long units = timecode + firstBlockTimecode;
        if (timecodeScale == HeaderElements.DEFAULT_TIMECODE_SCALE) {
            return units;
        }
        if (Math.abs(units) > Long.MAX_VALUE / timecodeScale) {
            throw ParseException.malformed("timestamp overflows with TimecodeScale " + timecodeScale);
        }
        return units * timecodeScale / 1_000_000;
    }

    /** Offset of the first video frame's data in the buffer the blocks were read from, or -1. */
    int videoFrameOffset() {
        return videoFrameOffset;
    }

    int videoFrameLength() {
        return videoFrameLength;
    }

    private void blockGroup(byte[] buf, int off, int len) throws ParseException {
        int blockOffset = -1;
        int blockLength = 0;
        boolean referenced = false;
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            if (children.id() == ElementId.BLOCK && blockOffset < 0) {
                blockOffset = children.bodyOffset();
                blockLength = children.bodySize();
            } else if (children.id() == ElementId.REFERENCE_BLOCK) {
                referenced = true;
            }
        }
        if (blockOffset >= 0) {
            block(buf, blockOffset, blockLength, false, referenced);
        }
    }

    /**
     * A Block or SimpleBlock body: track number (EBML size-style), int16 relative timecode, flags, frames. A SimpleBlock
     * is a keyframe if flag 0x80 is set, a Block if its BlockGroup has no ReferenceBlock.
     */
    private void block(byte[] buf, int off, int len, boolean simple, boolean referenced) throws ParseException {
        int trackLength = len > 0 ? EbmlReader.sizeLength(buf[off]) : 0;
        if (trackLength == 0 || len < trackLength + 3) {
            throw ParseException.malformed("Block shorter than its header");
        }
        long track = EbmlReader.readSize(buf, off, trackLength);
        int relative = (short) (((buf[off + trackLength] & 0xFF) << 8) | (buf[off + trackLength + 1] & 0xFF));
        if (!blockSeen) {
            blockSeen = true;
            firstBlockTimecode = relative;
        }
        int flags = buf[off + trackLength + 2] & 0xFF;
        if (!videoSeen && videoTracks.contains(track)) {
            videoSeen = true;
            videoKeyframe = simple ? (flags & 0x80) != 0 : !referenced;
            if ((flags & 0x06) == 0) {
                videoFrameOffset = off + trackLength + 3;
                videoFrameLength = len - trackLength - 3;
            }
        }
    }
}
