package dev.kino.container.webm;

import dev.kino.container.ContainerListener;
import dev.kino.container.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The init segment of the current Segment as it is gathered: the last EBML header, the Segment header rewritten with
 * an unknown size, then the first Info and the first Tracks. Announced at the Segment's first Cluster.
 */
final class InitSegment {
    /** The Segment ID followed by the 8-byte "unknown size". */
    private static final byte[] UNKNOWN_SIZE_SEGMENT = {0x18, 0x53, (byte) 0x80, 0x67,
            0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    static final int SEGMENT_HEADER_LENGTH = UNKNOWN_SIZE_SEGMENT.length;

    private final ByteSink bytes = new ByteSink();
    private byte[] ebmlHeader;
    private boolean infoSeen;
    private List<Track> tracks;
    private Set<Long> videoTracks = Set.of();
    private long timecodeScale = HeaderElements.DEFAULT_TIMECODE_SCALE;
    private boolean clustersStarted;
    private boolean pending;

    /** Where header elements are buffered (their header first, then their body). */
    ByteSink bytes() {
        return bytes;
    }

    /** A new EBML header starts: the previous one is forgotten. */
    void startEbmlHeader() {
        bytes.reset();
        ebmlHeader = null;
    }

    void ebmlHeaderComplete(int bodyOffset) throws ParseException {
        HeaderElements.checkEbmlHeader(bytes.array(), bodyOffset, bytes.length() - bodyOffset);
        ebmlHeader = bytes.toByteArray();
    }

    boolean hasEbmlHeader() {
        return ebmlHeader != null;
    }

    /** A Segment starts after the last EBML header: everything else of the previous Segment is forgotten. */
    void startSegment() {
        bytes.reset();
        bytes.append(ebmlHeader, 0, ebmlHeader.length);
        bytes.append(UNKNOWN_SIZE_SEGMENT, 0, UNKNOWN_SIZE_SEGMENT.length);
        infoSeen = false;
        tracks = null;
        videoTracks = Set.of();
        timecodeScale = HeaderElements.DEFAULT_TIMECODE_SCALE;
        clustersStarted = false;
        pending = false;
    }

    /** Whether a level-1 element belongs in the init (the first Info and Tracks before any Cluster). */
    boolean wants(int id) {
        return !clustersStarted && ((id == ElementId.INFO && !infoSeen) || (id == ElementId.TRACKS && tracks == null));
    }

    /** An Info or Tracks element whose body starts at {@code bodyOffset} is now complete in {@link #bytes()}. */
    void elementComplete(int id, int bodyOffset) throws ParseException {
        int length = bytes.length() - bodyOffset;
        if (id == ElementId.INFO) {
            timecodeScale = HeaderElements.timecodeScale(bytes.array(), bodyOffset, length);
            infoSeen = true;
        } else {
            tracks = HeaderElements.tracks(bytes.array(), bodyOffset, length);
            videoTracks = new HashSet<>();
            for (Track track : tracks) {
                if (track.isVideo()) {
                    videoTracks.add(track.number());
                }
            }
        }
    }

    /**
     * A Cluster starts: at the first one, the init is announced, or held back until that Cluster is complete if a
     * codec string needs its first video frame.
     */
    void clusterStarts(ContainerListener listener, long offset) throws ParseException {
        if (tracks == null) {
            throw ParseException.malformed("Cluster at offset " + offset + " before any Tracks");
        }
        if (!clustersStarted) {
            clustersStarted = true;
            if (CodecStrings.needsFirstFrame(tracks)) {
                pending = true;
            } else {
                listener.onInit(bytes.toByteArray(), CodecStrings.mimeType(tracks, null, 0, 0));
            }
        }
    }

    /** Announces a held-back init, using the first video frame of the first Cluster ({@code cluster}). */
    void clusterComplete(ContainerListener listener, byte[] cluster, ClusterScan scan) throws ParseException {
        if (pending) {
            pending = false;
            listener.onInit(bytes.toByteArray(),
                    CodecStrings.mimeType(tracks, scan.videoFrameOffset() < 0 ? null : cluster, scan.videoFrameOffset(),
                            scan.videoFrameLength()));
        }
    }

    Set<Long> videoTracks() {
        return videoTracks;
    }

    long timecodeScale() {
        return timecodeScale;
    }
}
