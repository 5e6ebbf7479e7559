package dev.kino.container.webm;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import java.util.Objects;

/**
 * Incremental parser for live WebM (and Matroska) streams as ffmpeg and browsers' MediaRecorder write them.
 *
 * <p>Events: {@link ContainerListener#onInit} with the EBML header, the Segment header written with an unknown size,
 * Info and Tracks (SeekHead, Cues, Tags, Void… are dropped), when the first Cluster of a Segment starts; then one
 * {@link ContainerListener#onFragment} per Cluster, with the Cluster's bytes as received. An unknown-size Cluster ends
 * where an element that cannot be its child starts (the next Cluster, a level-1 element, a new EBML header), or at
 * {@link #endOfInput()}. A new EBML header or Segment re-initialises the stream: another {@code onInit} follows.
 *
 * <p>An H.264 track without avcC (Chromium's MediaRecorder writes none) gets its profile from the SPS of the first
 * video frame, so for such streams {@code onInit} is held back until the first Cluster is complete.
 *
 * <p>Only the unfinished element is buffered: the header elements up to the first Cluster, and the current Cluster.
 * Declared sizes are checked against the limits before anything is buffered; skipped elements obey the Cluster limit.
 */
public final class WebmParser implements ContainerParser {
    public static final int DEFAULT_MAX_INIT_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_CLUSTER_BYTES = 64 << 20;

    private static final int MAX_HEADER_LENGTH = 12;

    /** What the byte loop is doing. */
    private enum State { HEADER, BODY, SKIP, FAILED, ENDED }

    /** The master element the next element belongs to. */
    private enum Level { TOP, SEGMENT, CLUSTER }

    /** What a buffered body is, so its completion can be handled. */
    private enum Target { EBML_HEADER, INIT_ELEMENT, CLUSTER, CLUSTER_CHILD }

    private final ContainerListener listener;
    private final int maxInitBytes;
    private final int maxClusterBytes;

    private State state = State.HEADER;
    private Level level = Level.TOP;
    /** Bytes consumed since the start of the input. */
    private long position;
    private ParseException failure;

    private final byte[] header = new byte[MAX_HEADER_LENGTH];
    private int headerLength;
    private int idLength;
    private int sizeLength;
    private int elementId;
    private long remaining;
    private Target target;
    private ByteSink sink;
    private int bodyOffset;

    private final InitSegment init = new InitSegment();
    /** Where a known-size Segment ends, or -1. */
    private long segmentEnd = -1;
    private final ByteSink cluster = new ByteSink();
    private ClusterScan scan;

    /** A parser with the default limits: 1 MiB of header elements, 64 MiB per Cluster (and per skipped element). */
    public WebmParser(ContainerListener listener) {
        this(listener, DEFAULT_MAX_INIT_BYTES, DEFAULT_MAX_CLUSTER_BYTES);
    }

    public WebmParser(ContainerListener listener, int maxInitBytes, int maxClusterBytes) {
        if (maxInitBytes < 64 || maxClusterBytes < 64) {
            throw new IllegalArgumentException("limits must be at least 64 bytes");
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxInitBytes = maxInitBytes;
        this.maxClusterBytes = maxClusterBytes;
    }

    @Override
    public void feed(byte[] data, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, data.length);
        checkUsable();
        try {
            int end = off + len;
            while (off < end) {
                off = switch (state) {
                    case HEADER -> readHeader(data, off, end);
                    case BODY -> readBody(data, off, end);
                    case SKIP -> skip(off, end);
                    case FAILED, ENDED -> throw new IllegalStateException(state.name());
                };
                closeSegmentAtItsEnd();
            }
        } catch (ParseException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void endOfInput() throws ParseException {
        checkUsable();
        try {
            if (state != State.HEADER || headerLength > 0) {
                throw ParseException.malformed("truncated: the input ended inside "
                        + (headerLength > 0 ? "an element header" : "element " + ElementId.hex(elementId))
                        + " at offset " + position);
            }
            if (level == Level.CLUSTER) {
                endCluster();
            }
            if (level == Level.SEGMENT && segmentEnd >= 0) {
                throw ParseException.malformed("truncated: the Segment ends at offset " + segmentEnd
                        + " but the input ended at " + position);
            }
            state = State.ENDED;
        } catch (ParseException e) {
            fail(e);
            throw e;
        }
    }

    private int readHeader(byte[] data, int off, int end) throws ParseException {
        while (off < end) {
            int b = data[off++] & 0xFF;
            header[headerLength++] = (byte) b;
            if (headerLength == 1) {
                idLength = EbmlReader.idLength(b);
                sizeLength = 0;
                if (idLength == 0) {
                    throw ParseException.malformed(String.format(
                            "not EBML: byte 0x%02X at offset %d cannot start an element ID", b, position));
                }
            } else if (headerLength == idLength + 1) {
                sizeLength = EbmlReader.sizeLength(b);
                if (sizeLength == 0) {
                    throw ParseException.malformed("not EBML: invalid element size at offset " + (position + idLength));
                }
            }
            if (headerLength > idLength && headerLength == idLength + sizeLength) {
                onHeader();
                return off;
            }
        }
        return off;
    }

    private int readBody(byte[] data, int off, int end) throws ParseException {
        int n = (int) Math.min(remaining, end - off);
        sink.append(data, off, n);
        remaining -= n;
        position += n;
        if (remaining == 0) {
            completeBody();
        }
        return off + n;
    }

    private int skip(int off, int end) {
        int n = (int) Math.min(remaining, end - off);
        remaining -= n;
        position += n;
        if (remaining == 0) {
            state = State.HEADER;
        }
        return off + n;
    }

    /** An element header is complete: by level and ID, buffer the element, skip it or descend into it. */
    private void onHeader() throws ParseException {
        int id = EbmlReader.readId(header, 0, idLength);
        long size = EbmlReader.readSize(header, idLength, sizeLength);
        long start = position;
        elementId = id;
        position += headerLength;
        headerLength = 0;
        while (true) {
            switch (level) {
                case CLUSTER -> {
                    if (ElementId.isClusterChild(id)) {
                        startClusterChild(id, size, start);
                        return;
                    }
                    endCluster();
                }
                case SEGMENT -> {
                    if (id != ElementId.EBML && id != ElementId.SEGMENT) {
                        onSegmentChild(id, size, start);
                        return;
                    }
                    endSegment();
                }
                case TOP -> {
                    onTopLevel(id, size, start);
                    return;
                }
            }
        }
    }

    private void onTopLevel(int id, long size, long start) throws ParseException {
        if (id == ElementId.EBML) {
            checkSize(id, size, maxInitBytes - InitSegment.SEGMENT_HEADER_LENGTH - MAX_HEADER_LENGTH, start);
            init.startEbmlHeader();
            startBody(Target.EBML_HEADER, init.bytes(), size);
        } else if (!init.hasEbmlHeader()) {
            throw ParseException.malformed("not a WebM stream: element " + ElementId.hex(id) + " at offset " + start
                    + " where an EBML header was expected");
        } else if (id == ElementId.SEGMENT) {
            level = Level.SEGMENT;
            segmentEnd = size == EbmlReader.UNKNOWN_SIZE ? -1 : position + size;
            init.startSegment();
        } else if (id == ElementId.VOID || id == ElementId.CRC32) {
            startSkip(id, size, start);
        } else {
            throw ParseException.malformed("unexpected top-level element " + ElementId.hex(id) + " at offset " + start);
        }
    }

    private void onSegmentChild(int id, long size, long start) throws ParseException {
        checkInsideSegment(id, size, start);
        if (id == ElementId.CLUSTER) {
            startCluster(size, start);
        } else if (size == EbmlReader.UNKNOWN_SIZE) {
            throw ParseException.unsupported("element " + ElementId.hex(id) + " at offset " + start + " has an unknown size");
        } else if (init.wants(id)) {
            checkSize(id, size, maxInitBytes - init.bytes().length() - MAX_HEADER_LENGTH, start);
            startBody(Target.INIT_ELEMENT, init.bytes(), size);
        } else {
            startSkip(id, size, start);
        }
    }

    private void startCluster(long size, long start) throws ParseException {
        init.clusterStarts(listener, start);
        cluster.reset();
        scan = new ClusterScan(init.videoTracks());
        if (size == EbmlReader.UNKNOWN_SIZE) {
            cluster.append(header, 0, idLength + sizeLength);
            level = Level.CLUSTER;
        } else {
            checkSize(ElementId.CLUSTER, size, maxClusterBytes - MAX_HEADER_LENGTH, start);
            startBody(Target.CLUSTER, cluster, size);
        }
    }

    private void startClusterChild(int id, long size, long start) throws ParseException {
        checkInsideSegment(id, size, start);
        if (size == EbmlReader.UNKNOWN_SIZE) {
            throw ParseException.malformed("Cluster child " + ElementId.hex(id) + " at offset " + start + " has an unknown size");
        }
        if (size > maxClusterBytes - cluster.length() - MAX_HEADER_LENGTH) {
            throw ParseException.malformed("Cluster at offset " + start + " grows past the " + maxClusterBytes
                    + "-byte limit");
        }
        startBody(Target.CLUSTER_CHILD, cluster, size);
    }

    /** Buffers the header just read, then {@code size} body bytes, into {@code into}. */
    private void startBody(Target target, ByteSink into, long size) throws ParseException {
        this.target = target;
        this.sink = into;
        into.append(header, 0, idLength + sizeLength);
        bodyOffset = into.length();
        remaining = size;
        state = State.BODY;
        if (size == 0) {
            completeBody();
        }
    }

    private void startSkip(int id, long size, long start) throws ParseException {
        checkSize(id, size, maxClusterBytes, start);
        remaining = size;
        state = size == 0 ? State.HEADER : State.SKIP;
    }

    private void completeBody() throws ParseException {
        state = State.HEADER;
        switch (target) {
            case EBML_HEADER -> init.ebmlHeaderComplete(bodyOffset);
            case INIT_ELEMENT -> init.elementComplete(elementId, bodyOffset);
            case CLUSTER -> {
                scan.children(cluster.array(), bodyOffset, cluster.length() - bodyOffset);
                emitCluster();
            }
            case CLUSTER_CHILD -> scan.child(elementId, cluster.array(), bodyOffset, cluster.length() - bodyOffset);
        }
    }

    /** A known-size Segment whose last byte has been read ends here (with any unknown-size Cluster in it). */
    private void closeSegmentAtItsEnd() throws ParseException {
        if (state == State.HEADER && headerLength == 0 && level != Level.TOP && position == segmentEnd) {
            endSegment();
        }
    }

    private void endSegment() throws ParseException {
        if (level == Level.CLUSTER) {
            endCluster();
        }
        level = Level.TOP;
        segmentEnd = -1;
    }

    private void endCluster() throws ParseException {
        level = Level.SEGMENT;
        emitCluster();
    }

    private void emitCluster() throws ParseException {
        byte[] bytes = cluster.toByteArray();
        long timestamp = scan.timestampMillis(init.timecodeScale());
        boolean keyframe = scan.keyframe();
        init.clusterComplete(listener, bytes, scan);
        cluster.reset();
        scan = null;
        listener.onFragment(bytes, keyframe, timestamp);
    }

    private void checkInsideSegment(int id, long size, long start) throws ParseException {
        if (segmentEnd >= 0 && (size == EbmlReader.UNKNOWN_SIZE ? position > segmentEnd : size > segmentEnd - position)) {
            throw ParseException.malformed("element " + ElementId.hex(id) + " at offset " + start + " overruns its Segment");
        }
    }

    private static void checkSize(int id, long size, long max, long start) throws ParseException {
        if (size == EbmlReader.UNKNOWN_SIZE) {
            throw ParseException.malformed("element " + ElementId.hex(id) + " at offset " + start + " has an unknown size");
        }
        if (size > max) {
            throw ParseException.malformed("element " + ElementId.hex(id) + " at offset " + start + " declares " + size
                    + " bytes, over the limit");
        }
    }

    private void checkUsable() throws ParseException {
        if (state == State.FAILED) {
            String message = "the stream failed earlier: " + failure.getMessage();
            throw failure.isMalformed() ? ParseException.malformed(message) : ParseException.unsupported(message);
        }
        if (state == State.ENDED) {
            throw new IllegalStateException("endOfInput() was already called");
        }
    }

    private void fail(ParseException e) {
        state = State.FAILED;
        failure = e;
    }
}
