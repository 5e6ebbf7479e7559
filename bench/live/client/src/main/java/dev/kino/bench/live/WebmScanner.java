package dev.kino.bench.live;

import io.vertx.core.buffer.Buffer;

/**
 * Just enough of an incremental WebM reader to time a live stream: it finds where each Cluster ends, its Timecode,
 * the latest block time in it and whether its first video block is a keyframe. Block payloads are skipped by their
 * declared size, so the cost is per element, not per byte.
 *
 * <p>The input may be broken: a relay that forwards raw TCP chunks gives a late joiner its cached first chunks and
 * then live chunks that start in the middle of a Cluster. Anything that does not fit the structure (an unknown ID, a
 * child that overruns its parent, a Cluster without Timecode) makes the scanner report a resync and search for the
 * next Cluster ID.
 */
final class WebmScanner implements MediaScanner {
    private static final int EBML = 0x1A45DFA3, SEGMENT = 0x18538067, CLUSTER = 0x1F43B675, INFO = 0x1549A966,
            TRACKS = 0x1654AE6B, TRACK_ENTRY = 0xAE, TRACK_NUMBER = 0xD7, TRACK_TYPE = 0x83,
            TIMECODE_SCALE = 0x2AD7B1, TIMECODE = 0xE7, SIMPLE_BLOCK = 0xA3, BLOCK_GROUP = 0xA0, BLOCK = 0xA1,
            REFERENCE_BLOCK = 0xFB, VOID = 0xEC, CRC32 = 0xBF;
    private static final long UNKNOWN = -1;
    private static final long MAX_ELEMENT = 64L << 20;

    private enum State { HEADER, COLLECT, SKIP, RESYNC }

    private enum Ctx { TOP, SEGMENT, INFO, TRACKS, ENTRY, CLUSTER, GROUP }

    private final Sink sink;
    private State state = State.HEADER;
    private Ctx ctx = Ctx.TOP;
    private long pos;

    private final byte[] hdr = new byte[12];
    private int hdrLen, idLen, sizeLen;
    private final byte[] val = new byte[8];
    private int valLen, valNeed, collectId;
    private long skip; // bytes to skip after a COLLECT, or in SKIP
    private int rolling;

    private long timecodeScale = 1_000_000;
    private long infoEnd, tracksEnd, entryEnd, clusterEnd, groupEnd;
    private long entryNumber, entryType;
    private long videoTrack = -1;
    private boolean headerDone;

    private long tc;
    private long maxRel;
    private boolean firstVideoSeen, firstVideoKey, firstVideoInGroup, groupRef;

    WebmScanner(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void feed(Buffer buf, long now) {
        int len = buf.length();
        int i = 0;
        while (i < len) {
            switch (state) {
                case SKIP -> {
                    int n = (int) Math.min(skip, len - i);
                    i += n;
                    pos += n;
                    skip -= n;
                    if (skip == 0) {
                        elementDone(now);
                    }
                }
                case COLLECT -> {
                    while (i < len && valLen < valNeed) {
                        val[valLen++] = buf.getByte(i++);
                        pos++;
                    }
                    if (valLen == valNeed) {
                        collected();
                        if (state == State.COLLECT) {
                            if (skip > 0) {
                                state = State.SKIP;
                            } else {
                                elementDone(now);
                            }
                        }
                    }
                }
                case HEADER -> {
                    hdr[hdrLen++] = buf.getByte(i++);
                    pos++;
                    header(now);
                }
                case RESYNC -> {
                    while (i < len) {
                        rolling = (rolling << 8) | (buf.getByte(i++) & 0xFF);
                        pos++;
                        if (rolling == CLUSTER) {
                            ctx = Ctx.SEGMENT;
                            state = State.HEADER;
                            hdr[0] = 0x1F; hdr[1] = 0x43; hdr[2] = (byte) 0xB6; hdr[3] = 0x75;
                            hdrLen = 4;
                            idLen = 4;
                            sizeLen = 0;
                            break;
                        }
                    }
                }
            }
        }
    }

    /** One more header byte is in; decodes the header once it is complete. */
    private void header(long now) {
        if (hdrLen == 1) {
            idLen = vintLength(hdr[0]);
            if (idLen < 1 || idLen > 4) {
                corrupt();
            }
            sizeLen = 0;
            return;
        }
        if (hdrLen == idLen + 1) {
            sizeLen = vintLength(hdr[idLen]);
            if (sizeLen < 1) {
                corrupt();
                return;
            }
        }
        if (sizeLen == 0 || hdrLen < idLen + sizeLen) {
            return;
        }
        int id = 0;
        for (int k = 0; k < idLen; k++) {
            id = (id << 8) | (hdr[k] & 0xFF);
        }
        long size = hdr[idLen] & (0xFF >> sizeLen);
        boolean allOnes = size == (0xFF >> sizeLen);
        for (int k = 1; k < sizeLen; k++) {
            int b = hdr[idLen + k] & 0xFF;
            size = (size << 8) | b;
            allOnes &= b == 0xFF;
        }
        hdrLen = 0;
        element(id, allOnes ? UNKNOWN : size, now);
    }

    private static int vintLength(byte first) {
        int b = first & 0xFF;
        return b == 0 ? -1 : Integer.numberOfLeadingZeros(b) - 23;
    }

    private void element(int id, long size, long now) {
        if (id == EBML) { // a (new) stream starts
            ctx = Ctx.TOP;
            headerDone = false;
            skipOrCorrupt(size, now);
            return;
        }
        if (size != UNKNOWN && size > MAX_ELEMENT && id != SEGMENT) {
            corrupt();
            return;
        }
        if (ctx == Ctx.CLUSTER && clusterEnd == UNKNOWN && (id == CLUSTER || levelOne(id))) {
            endCluster(now); // an unknown-size Cluster ends where a level-1 element starts
            if (state == State.RESYNC) {
                return;
            }
        }
        switch (ctx) {
            case TOP -> {
                if (id == SEGMENT) {
                    ctx = Ctx.SEGMENT;
                    state = State.HEADER;
                } else {
                    corrupt();
                }
            }
            case SEGMENT -> {
                if (id == CLUSTER) {
                    startCluster(size, now);
                } else if (id == INFO && size != UNKNOWN) {
                    ctx = Ctx.INFO;
                    infoEnd = pos + size;
                } else if (id == TRACKS && size != UNKNOWN) {
                    ctx = Ctx.TRACKS;
                    tracksEnd = pos + size;
                } else if (levelOne(id)) {
                    skipOrCorrupt(size, now);
                } else {
                    corrupt();
                }
            }
            case INFO -> child(id, size, id == TIMECODE_SCALE, infoEnd, now);
            case TRACKS -> {
                if (id == TRACK_ENTRY && size != UNKNOWN && pos + size <= tracksEnd) {
                    ctx = Ctx.ENTRY;
                    entryEnd = pos + size;
                    entryNumber = -1;
                    entryType = -1;
                } else {
                    child(id, size, false, tracksEnd, now);
                }
            }
            case ENTRY -> child(id, size, id == TRACK_NUMBER || id == TRACK_TYPE, entryEnd, now);
            case CLUSTER -> {
                if (id == TIMECODE) {
                    child(id, size, true, clusterEnd, now);
                } else if (tc < 0 && (id == SIMPLE_BLOCK || id == BLOCK_GROUP)) {
                    corrupt(); // ffmpeg and browsers write the Timecode first
                } else if (id == SIMPLE_BLOCK) {
                    block(id, size);
                } else if (id == BLOCK_GROUP && size != UNKNOWN && (clusterEnd == UNKNOWN || pos + size <= clusterEnd)) {
                    ctx = Ctx.GROUP;
                    groupEnd = pos + size;
                    groupRef = false;
                    firstVideoInGroup = false;
                } else if (id == 0xA7 || id == 0xAB || id == VOID || id == CRC32 || id == 0x5854 || id == 0xAF) {
                    child(id, size, false, clusterEnd, now);
                } else {
                    corrupt();
                }
            }
            case GROUP -> {
                if (id == BLOCK) {
                    block(id, size);
                } else {
                    if (id == REFERENCE_BLOCK) {
                        groupRef = true;
                    }
                    child(id, size, false, groupEnd, now);
                }
            }
        }
    }

    private static boolean levelOne(int id) {
        return id == 0x114D9B74 || id == INFO || id == TRACKS || id == 0x1C53BB6B || id == 0x1254C367
                || id == 0x1043A770 || id == 0x1941A469 || id == VOID || id == CRC32;
    }

    /** A child of a known-size master: collect its value (a small unsigned integer) or skip it. */
    private void child(int id, long size, boolean collect, long parentEnd, long now) {
        if (size == UNKNOWN || (parentEnd != UNKNOWN && pos + size > parentEnd)) {
            corrupt();
            return;
        }
        if (collect && size >= 1 && size <= 8) {
            collectId = id;
            valLen = 0;
            valNeed = (int) size;
            skip = 0;
            state = State.COLLECT;
        } else {
            skipOrCorrupt(size, now);
        }
    }

    private void block(int id, long size) {
        long parentEnd = ctx == Ctx.GROUP ? groupEnd : clusterEnd;
        if (size == UNKNOWN || size < 4 || (parentEnd != UNKNOWN && pos + size > parentEnd)) {
            corrupt();
            return;
        }
        collectId = id;
        valLen = 0;
        valNeed = (int) Math.min(size, 5);
        skip = size - valNeed;
        state = State.COLLECT;
    }

    private void skipOrCorrupt(long size, long now) {
        if (size == UNKNOWN) {
            corrupt();
        } else if (size == 0) {
            elementDone(now);
        } else {
            skip = size;
            state = State.SKIP;
        }
    }

    private void collected() {
        if (collectId == SIMPLE_BLOCK || collectId == BLOCK) {
            int b = val[0] & 0xFF;
            int off;
            long track;
            if ((b & 0x80) != 0) {
                track = b & 0x7F;
                off = 1;
            } else if ((b & 0x40) != 0 && valLen >= 5) {
                track = ((b & 0x3F) << 8) | (val[1] & 0xFF);
                off = 2;
            } else {
                corrupt();
                return;
            }
            long rel = (short) (((val[off] & 0xFF) << 8) | (val[off + 1] & 0xFF));
            maxRel = Math.max(maxRel, rel);
            boolean video = videoTrack < 0 ? track == 1 : track == videoTrack;
            if (video && !firstVideoSeen) {
                firstVideoSeen = true;
                if (collectId == SIMPLE_BLOCK) {
                    firstVideoKey = (val[off + 2] & 0x80) != 0;
                } else {
                    firstVideoInGroup = true; // a keyframe if its group has no ReferenceBlock
                }
            }
            return;
        }
        long v = 0;
        for (int k = 0; k < valLen; k++) {
            v = (v << 8) | (val[k] & 0xFF);
        }
        switch (collectId) {
            case TIMECODE -> tc = v;
            case TIMECODE_SCALE -> timecodeScale = v > 0 ? v : 1_000_000;
            case TRACK_NUMBER -> entryNumber = v;
            case TRACK_TYPE -> entryType = v;
            default -> { }
        }
        if (ctx == Ctx.ENTRY && entryType == 1 && entryNumber > 0 && videoTrack < 0) {
            videoTrack = entryNumber;
        }
    }

    /** An element's bytes are all in: close the masters that end here. */
    private void elementDone(long now) {
        state = State.HEADER;
        hdrLen = 0;
        if (ctx == Ctx.GROUP && pos >= groupEnd) {
            if (firstVideoInGroup) {
                firstVideoKey = !groupRef;
                firstVideoInGroup = false;
            }
            ctx = Ctx.CLUSTER;
        }
        if (ctx == Ctx.CLUSTER && clusterEnd != UNKNOWN && pos >= clusterEnd) {
            endCluster(now);
        }
        if (ctx == Ctx.ENTRY && pos >= entryEnd) {
            ctx = Ctx.TRACKS;
        }
        if (ctx == Ctx.TRACKS && pos >= tracksEnd) {
            ctx = Ctx.SEGMENT;
        }
        if (ctx == Ctx.INFO && pos >= infoEnd) {
            ctx = Ctx.SEGMENT;
        }
    }

    private void startCluster(long size, long now) {
        if (!headerDone) {
            headerDone = true;
            sink.init(now);
        }
        ctx = Ctx.CLUSTER;
        clusterEnd = size == UNKNOWN ? UNKNOWN : pos + size;
        tc = -1;
        maxRel = 0;
        firstVideoSeen = false;
        firstVideoKey = false;
        firstVideoInGroup = false;
        state = State.HEADER;
        if (size == 0) {
            corrupt();
        }
    }

    private void endCluster(long now) {
        ctx = Ctx.SEGMENT;
        if (tc < 0) {
            corrupt();
            return;
        }
        boolean key = firstVideoSeen ? firstVideoKey : videoTrack < 0 && headerDone;
        long scaleNanos = timecodeScale;
        sink.unit(tc * scaleNanos / 1000, maxRel * scaleNanos / 1000, key, now);
    }

    private void corrupt() {
        state = State.RESYNC;
        ctx = Ctx.SEGMENT;
        rolling = 0;
        hdrLen = 0;
        sink.resync();
    }
}
