package dev.kino.bench.live;

import io.vertx.core.buffer.Buffer;

/**
 * Just enough of an incremental fragmented-MP4 reader to time a live stream: the tracks of the init segment
 * ({@code moov}: track ID, {@code mdhd} timescale, {@code hdlr} type, {@code trex} defaults), and per fragment
 * ({@code moof} then {@code mdat}) the video track's {@code tfdt} base media decode time, the sum of its {@code trun}
 * sample durations and whether its first sample is a sync sample. A fragment is complete when its {@code mdat} is.
 *
 * <p>Only the small boxes it reads are gathered (into one buffer per viewer, reused); {@code mdat} and every other box
 * are skipped by their declared size, so the cost is per box and per sample entry, not per byte. Anything that does
 * not fit (a box that overruns its parent, an absurd size, a {@code trun} longer than its box) makes it report a
 * resync and skip to the end of the WebSocket message: a server that sends one fragment per message (Kino) starts
 * the next one on a box boundary.
 */
final class Fmp4Scanner implements MediaScanner {
    private static final int MOOV = fourcc("moov"), TRAK = fourcc("trak"), MDIA = fourcc("mdia"),
            MVEX = fourcc("mvex"), MOOF = fourcc("moof"), TRAF = fourcc("traf"), MDAT = fourcc("mdat"),
            TKHD = fourcc("tkhd"), MDHD = fourcc("mdhd"), HDLR = fourcc("hdlr"), TREX = fourcc("trex"),
            TFHD = fourcc("tfhd"), TFDT = fourcc("tfdt"), TRUN = fourcc("trun"), VIDE = fourcc("vide");
    private static final long MAX_BOX = 64L << 20;
    private static final int MAX_GATHER = 1 << 20;
    private static final int NON_SYNC = 0x00010000; // sample_is_non_sync_sample
    private static final int MAX_TRACKS = 8;
    private static final int MAX_DEPTH = 6;

    private enum State { HEADER, GATHER, SKIP, RESYNC }

    private final Sink sink;
    private State state = State.HEADER;
    private long pos;

    private final byte[] hdr = new byte[16];
    private int hdrLen;
    private byte[] body = new byte[512]; // the box being gathered
    private int bodyLen, bodyNeed, bodyType;
    private long skip;
    private int skipType;
    private final long[] ends = new long[MAX_DEPTH];
    private final int[] types = new int[MAX_DEPTH];
    private int depth;

    // the tracks of the last init segment
    private int tracks;
    private final int[] trackId = new int[MAX_TRACKS];
    private final long[] timescale = new long[MAX_TRACKS];
    private final boolean[] video = new boolean[MAX_TRACKS];
    private boolean hasVideo;
    private int trexes;
    private final int[] trexId = new int[MAX_TRACKS];
    private final long[] trexDuration = new long[MAX_TRACKS];
    private final int[] trexFlags = new int[MAX_TRACKS];
    private int trakId;
    private long trakScale;
    private boolean trakVideo;

    // the traf being read
    private int tfTrack, tfFlags, tfDefaultFlags;
    private long tfDefaultDuration, tfdt, runDuration;
    private int runFirstFlags;
    private boolean tfdtSeen, runFirstSeen;

    // the fragment being read: the traf it is timed by (the video one when there is one)
    private boolean fragHave, fragVideo, fragKey, moofDone;
    private long fragStart, fragDur;

    Fmp4Scanner(Sink sink) {
        this.sink = sink;
    }

    private static int fourcc(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }

    @Override
    public void feed(Buffer buf, long now) {
        int len = buf.length();
        int i = 0;
        while (i < len) {
            switch (state) {
                case HEADER -> {
                    hdr[hdrLen++] = buf.getByte(i++);
                    pos++;
                    header(now);
                }
                case SKIP -> {
                    int n = (int) Math.min(skip, len - i);
                    i += n;
                    pos += n;
                    skip -= n;
                    if (skip == 0) {
                        done(now);
                    }
                }
                case GATHER -> {
                    int n = Math.min(bodyNeed - bodyLen, len - i);
                    buf.getBytes(i, i + n, body, bodyLen);
                    bodyLen += n;
                    i += n;
                    pos += n;
                    if (bodyLen == bodyNeed) {
                        gathered(now);
                    }
                }
                case RESYNC -> {
                    pos += len - i;
                    i = len;
                }
            }
        }
    }

    @Override
    public void messageEnd(long now) {
        if (state == State.RESYNC) { // the next message starts a box
            state = State.HEADER;
            hdrLen = 0;
            depth = 0;
            moofDone = false;
        }
    }

    /** One more header byte is in; acts once the box header is complete. */
    private void header(long now) {
        if (hdrLen < 8) {
            return;
        }
        long size = u32(hdr, 0);
        int headerLen = 8;
        if (size == 1) {
            if (hdrLen < 16) {
                return;
            }
            size = u32(hdr, 8) << 32 | u32(hdr, 12);
            headerLen = 16;
        }
        int type = (int) u32(hdr, 4);
        hdrLen = 0;
        if (size < headerLen || size - headerLen > MAX_BOX) { // size 0 (to the end of the file) has no place in a live stream
            corrupt();
            return;
        }
        long len = size - headerLen;
        if (depth > 0 && pos + len > ends[depth - 1]) {
            corrupt();
            return;
        }
        box(type, len, now);
    }

    private void box(int type, long len, long now) {
        int parent = depth == 0 ? 0 : types[depth - 1];
        boolean container = (parent == 0 && (type == MOOV || type == MOOF)) || (parent == MOOV && (type == TRAK || type == MVEX))
                || (parent == TRAK && type == MDIA) || (parent == MOOF && type == TRAF);
        if (container) {
            if (depth == MAX_DEPTH) {
                corrupt();
                return;
            }
            open(type);
            ends[depth] = pos + len;
            types[depth++] = type;
            state = State.HEADER;
            closeEnded(now);
            return;
        }
        boolean gather = (parent == TRAK && type == TKHD) || (parent == MDIA && (type == MDHD || type == HDLR))
                || (parent == MVEX && type == TREX) || (parent == TRAF && (type == TFHD || type == TFDT || type == TRUN));
        if (gather) {
            if (len > MAX_GATHER) {
                corrupt();
                return;
            }
            if (body.length < len) {
                body = new byte[(int) Math.max(len, body.length * 2L)];
            }
            bodyType = type;
            bodyLen = 0;
            bodyNeed = (int) len;
            state = State.GATHER;
            if (len == 0) {
                gathered(now);
            }
            return;
        }
        skipType = parent == 0 ? type : 0;
        skip = len;
        state = State.SKIP;
        if (len == 0) {
            done(now);
        }
    }

    private void open(int type) {
        if (type == MOOV) {
            tracks = 0;
            trexes = 0;
            hasVideo = false;
        } else if (type == TRAK) {
            trakId = -1;
            trakScale = 0;
            trakVideo = false;
        } else if (type == MOOF) {
            fragHave = false;
            moofDone = false;
        } else if (type == TRAF) {
            tfTrack = -1;
            tfFlags = 0;
            tfDefaultDuration = 0;
            tfDefaultFlags = 0;
            tfdt = 0;
            tfdtSeen = false;
            runDuration = 0;
            runFirstSeen = false;
            runFirstFlags = 0;
        }
    }

    private void gathered(long now) {
        parse();
        if (state == State.GATHER) {
            done(now);
        }
    }

    /** A leaf box is complete: close the containers that end here, and the fragment with its mdat. */
    private void done(long now) {
        state = State.HEADER;
        hdrLen = 0;
        if (skipType == MDAT && depth == 0 && moofDone) {
            moofDone = false;
            if (fragHave) {
                sink.unit(fragStart, fragDur, fragKey, now);
            }
        }
        skipType = 0;
        closeEnded(now);
    }

    private void closeEnded(long now) {
        while (depth > 0 && pos >= ends[depth - 1]) {
            int type = types[--depth];
            if (type == TRAK) {
                if (tracks < MAX_TRACKS && trakId >= 0 && trakScale > 0) {
                    trackId[tracks] = trakId;
                    timescale[tracks] = trakScale;
                    video[tracks] = trakVideo;
                    hasVideo |= trakVideo;
                    tracks++;
                }
            } else if (type == MOOV) {
                sink.init(now);
            } else if (type == TRAF) {
                endTraf();
            } else if (type == MOOF) {
                moofDone = true;
            }
        }
    }

    private void endTraf() {
        int t = track(tfTrack);
        if (t < 0 || !tfdtSeen) {
            return;
        }
        if (fragHave && (fragVideo || !video[t])) {
            return; // the fragment is timed by its (first) video track
        }
        fragHave = true;
        fragVideo = video[t];
        fragStart = tfdt * 1_000_000 / timescale[t];
        fragDur = runDuration * 1_000_000 / timescale[t];
        fragKey = video[t] ? runFirstSeen && (runFirstFlags & NON_SYNC) == 0 : !hasVideo;
    }

    private int track(int id) {
        for (int k = 0; k < tracks; k++) {
            if (trackId[k] == id) {
                return k;
            }
        }
        return -1;
    }

    private int trex(int id) {
        for (int k = 0; k < trexes; k++) {
            if (trexId[k] == id) {
                return k;
            }
        }
        return -1;
    }

    private void parse() {
        int n = bodyNeed;
        if (n < 4) {
            corrupt();
            return;
        }
        int version = body[0] & 0xFF;
        int flags = (int) (u32(body, 0) & 0xFFFFFF);
        if (bodyType == TKHD) {
            int at = version == 1 ? 20 : 12;
            if (!need(at + 4)) {
                return;
            }
            trakId = (int) u32(body, at);
        } else if (bodyType == MDHD) {
            int at = version == 1 ? 20 : 12;
            if (!need(at + 4)) {
                return;
            }
            trakScale = u32(body, at);
        } else if (bodyType == HDLR) {
            if (!need(12)) {
                return;
            }
            trakVideo = (int) u32(body, 8) == VIDE;
        } else if (bodyType == TREX) {
            if (!need(24)) {
                return;
            }
            if (trexes < MAX_TRACKS) {
                trexId[trexes] = (int) u32(body, 4);
                trexDuration[trexes] = u32(body, 12);
                trexFlags[trexes] = (int) u32(body, 20);
                trexes++;
            }
        } else if (bodyType == TFHD) {
            if (!need(8)) {
                return;
            }
            tfTrack = (int) u32(body, 4);
            tfFlags = flags;
            int at = 8 + ((flags & 0x1) != 0 ? 8 : 0) + ((flags & 0x2) != 0 ? 4 : 0);
            if ((flags & 0x8) != 0) {
                if (!need(at + 4)) {
                    return;
                }
                tfDefaultDuration = u32(body, at);
                at += 4;
            }
            at += (flags & 0x10) != 0 ? 4 : 0;
            if ((flags & 0x20) != 0) {
                if (!need(at + 4)) {
                    return;
                }
                tfDefaultFlags = (int) u32(body, at);
            }
        } else if (bodyType == TFDT) {
            if (!need(version == 1 ? 12 : 8)) {
                return;
            }
            tfdt = version == 1 ? u32(body, 4) << 32 | u32(body, 8) : u32(body, 4);
            tfdtSeen = true;
        } else if (bodyType == TRUN) {
            trun(flags);
        }
    }

    private void trun(int flags) {
        if (!need(8)) {
            return;
        }
        long count = u32(body, 4);
        int at = 8 + ((flags & 0x1) != 0 ? 4 : 0);
        int firstFlags = 0;
        boolean hasFirst = (flags & 0x4) != 0;
        if (hasFirst) {
            if (!need(at + 4)) {
                return;
            }
            firstFlags = (int) u32(body, at);
            at += 4;
        }
        int stride = 4 * Integer.bitCount(flags & 0xF00);
        if (!need(at + count * stride)) {
            return;
        }
        int t = trex(tfTrack);
        long defDuration = (tfFlags & 0x8) != 0 ? tfDefaultDuration : t >= 0 ? trexDuration[t] : 0;
        int defFlags = (tfFlags & 0x20) != 0 ? tfDefaultFlags : t >= 0 ? trexFlags[t] : 0;
        int flagsAt = ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x200) != 0 ? 4 : 0);
        for (long s = 0; s < count; s++, at += stride) {
            runDuration += (flags & 0x100) != 0 ? u32(body, at) : defDuration;
            if (!runFirstSeen) {
                runFirstSeen = true;
                runFirstFlags = hasFirst ? firstFlags : (flags & 0x400) != 0 ? (int) u32(body, at + flagsAt) : defFlags;
            }
        }
    }

    /** The gathered box holds at least {@code bytes}; otherwise the stream is broken. */
    private boolean need(long bytes) {
        if (bodyNeed < bytes) {
            corrupt();
            return false;
        }
        return true;
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private void corrupt() {
        state = State.RESYNC;
        depth = 0;
        hdrLen = 0;
        moofDone = false;
        fragHave = false;
        sink.resync();
    }
}
