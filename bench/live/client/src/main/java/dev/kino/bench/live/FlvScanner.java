package dev.kino.bench.live;

import io.vertx.core.buffer.Buffer;

/**
 * Just enough of an incremental FLV reader to time a live stream: the file header, then per tag its type, size and
 * timestamp, and for audio and video the first bytes of the body (frame type, codec, packet type). The unit it reports
 * is one video frame (a video tag that carries coded data), timed by the tag's timestamp (the decode time, in ms);
 * a key unit is a keyframe. The stream can be decoded once the header and the sequence headers (AVC/HEVC/AV1
 * configuration, and AAC's when the header announces audio) are in.
 *
 * <p>The bytes may be split anywhere across messages: a server that sends one tag per message (Node-Media-Server)
 * and one that forwards raw TCP reads (the relay) are read the same way. Each tag is checked against the
 * PreviousTagSize after it, and a unit is reported only once that check passed (the 4 bytes after the tag's body), so
 * a tag cut by a splice is never reported. The relay gives a late joiner its cached first chunks and then live chunks
 * that start in the middle of a tag: a header that does not fit, or a size check that fails, makes the scanner
 * report a resync and look for the next tag by its shape (a plausible PreviousTagSize, an audio or video type, a
 * size under 4 MiB, stream ID 0, and an AVC or AAC first body byte). Bodies are skipped by their declared size.
 */
final class FlvScanner implements MediaScanner {
    private static final int AUDIO = 8, VIDEO = 9, SCRIPT = 18;
    private static final int MAX_TAG = 16 << 20;
    private static final int MAX_RESYNC_TAG = 4 << 20;
    private static final int PEEK = 5; // body bytes read: video frame type/codec, packet type, composition time

    private enum State { FILE_HEADER, HEADER_SKIP, PREV_SIZE, TAG_HEADER, BODY, SKIP, RESYNC }

    private final Sink sink;
    private State state = State.FILE_HEADER;
    private final byte[] b = new byte[16];
    private int have, need;
    private long skip;
    private long expectPrev;

    private int tagType, tagSize;
    private long tagTime;

    private boolean headerSeen, hasAudio, videoConfig, audioConfig, initDone;
    // the tag just read, waiting for its PreviousTagSize
    private boolean pendingFrame, pendingKey, pendingVideoConfig, pendingAudioConfig;
    private long pendingTime;

    // the last 16 bytes, while searching for a tag
    private final byte[] ring = new byte[16];
    private int ringAt, ringLen;

    FlvScanner(Sink sink) {
        this.sink = sink;
        need = 9;
    }

    @Override
    public void feed(Buffer buf, long now) {
        int len = buf.length();
        int i = 0;
        while (i < len) {
            switch (state) {
                case SKIP, HEADER_SKIP -> {
                    int n = (int) Math.min(skip, len - i);
                    i += n;
                    skip -= n;
                    if (skip == 0) {
                        expect(State.PREV_SIZE, 4);
                    }
                }
                case RESYNC -> {
                    while (i < len && state == State.RESYNC) {
                        ring[ringAt] = buf.getByte(i++);
                        ringAt = (ringAt + 1) & 15;
                        if (ringLen < 16) {
                            ringLen++;
                        }
                        if (ringLen == 16 && tagStartsHere()) {
                            found();
                        }
                    }
                }
                default -> {
                    int n = Math.min(need - have, len - i);
                    buf.getBytes(i, i + n, b, have);
                    have += n;
                    i += n;
                    if (have == need) {
                        collected(now);
                    }
                }
            }
        }
    }

    private void expect(State s, int bytes) {
        state = s;
        have = 0;
        need = bytes;
    }

    private void collected(long now) {
        switch (state) {
            case FILE_HEADER -> {
                if (b[0] != 'F' || b[1] != 'L' || b[2] != 'V') {
                    corrupt();
                    return;
                }
                headerSeen = true;
                hasAudio = (b[4] & 4) != 0;
                long offset = u32(b, 5);
                if (offset < 9 || offset > 1024) {
                    corrupt();
                    return;
                }
                expectPrev = 0;
                skip = offset - 9;
                if (skip > 0) {
                    state = State.HEADER_SKIP;
                } else {
                    expect(State.PREV_SIZE, 4);
                }
            }
            case PREV_SIZE -> {
                if (u32(b, 0) != expectPrev) {
                    corrupt();
                    return;
                }
                // the tag before it is whole and in place
                videoConfig |= pendingVideoConfig;
                audioConfig |= pendingAudioConfig;
                if (!initDone && headerSeen && videoConfig && (audioConfig || !hasAudio)) {
                    initDone = true;
                    sink.init(now);
                }
                if (pendingFrame) {
                    sink.unit(pendingTime * 1000, 0, pendingKey, now);
                }
                clearPending();
                expect(State.TAG_HEADER, 11);
            }
            case TAG_HEADER -> {
                int type = b[0] & 0x1F;
                tagSize = (int) u24(b, 1);
                tagTime = u24(b, 4) | (long) (b[7] & 0xFF) << 24;
                if ((type != AUDIO && type != VIDEO && type != SCRIPT) || u24(b, 8) != 0 || tagSize > MAX_TAG) {
                    corrupt();
                    return;
                }
                tagType = type;
                expectPrev = 11L + tagSize;
                if (tagSize == 0) {
                    expect(State.PREV_SIZE, 4);
                } else {
                    expect(State.BODY, Math.min(tagSize, PEEK));
                }
            }
            case BODY -> {
                classify();
                skip = tagSize - need;
                if (skip > 0) {
                    state = State.SKIP;
                } else {
                    expect(State.PREV_SIZE, 4);
                }
            }
            default -> { }
        }
    }

    /** What the tag just read is, from its first body bytes. */
    private void classify() {
        int b0 = b[0] & 0xFF;
        if (tagType == VIDEO) {
            int frameType = (b0 >> 4) & 7;
            boolean frame;
            boolean config;
            if ((b0 & 0x80) != 0) { // Enhanced RTMP: the low nibble is the packet type
                int packetType = b0 & 0x0F;
                config = packetType == 0;
                frame = packetType == 1 || packetType == 3;
            } else if ((b0 & 0x0F) == 7 || (b0 & 0x0F) == 12) { // AVC, or the older HEVC id
                int packetType = need > 1 ? b[1] & 0xFF : -1;
                config = packetType == 0;
                frame = packetType == 1;
            } else { // a codec without a sequence header
                config = true;
                frame = true;
            }
            frame &= frameType != 5; // a command frame
            pendingFrame = frame;
            pendingKey = frameType == 1;
            pendingTime = tagTime;
            pendingVideoConfig = config;
        } else if (tagType == AUDIO) {
            int format = b0 >> 4;
            if (format == 10) {
                pendingAudioConfig = need > 1 && b[1] == 0;
            } else if (format == 9) { // Enhanced RTMP audio
                pendingAudioConfig = (b0 & 0x0F) == 0;
            } else {
                pendingAudioConfig = true;
            }
        }
    }

    private void clearPending() {
        pendingFrame = false;
        pendingKey = false;
        pendingVideoConfig = false;
        pendingAudioConfig = false;
    }

    private int at(int k) {
        return ring[(ringAt + k) & 15] & 0xFF;
    }

    /**
     * The 16 bytes seen last look like PreviousTagSize, a tag header and its first body byte: stream ID 0, the
     * extended timestamp byte 0 (under 4.6 hours), audio or video, a size under 4 MiB, a plausible previous size, and
     * an AVC (key or inter frame, or an Enhanced RTMP frame) or AAC first byte.
     */
    private boolean tagStartsHere() {
        if (at(12) != 0 || at(13) != 0 || at(14) != 0 || at(11) != 0 || at(0) != 0) {
            return false;
        }
        int type = at(4);
        int d0 = at(15);
        boolean body = type == VIDEO ? d0 == 0x17 || d0 == 0x27
                || ((d0 & 0x80) != 0 && ((d0 >> 4) & 7) <= 2 && ((d0 & 0x0F) == 1 || (d0 & 0x0F) == 3))
                : type == AUDIO && d0 >> 4 == 10;
        if (!body) {
            return false;
        }
        long size = ((long) at(5) << 16) | (at(6) << 8) | at(7);
        long prev = ((long) at(1) << 16) | (at(2) << 8) | at(3);
        return size >= 2 && size <= MAX_RESYNC_TAG && prev >= 12;
    }

    /** A tag was found while searching: go on from its first body byte, already read. */
    private void found() {
        tagType = at(4);
        tagSize = (at(5) << 16) | (at(6) << 8) | at(7);
        tagTime = ((long) at(8) << 16) | (at(9) << 8) | at(10);
        expectPrev = 11L + tagSize;
        clearPending();
        expect(State.BODY, Math.min(tagSize, PEEK));
        b[0] = (byte) at(15);
        have = 1;
        ringLen = 0;
        if (have == need) {
            collected(0);
        }
    }

    private static long u24(byte[] a, int at) {
        return ((a[at] & 0xFFL) << 16) | ((a[at + 1] & 0xFF) << 8) | (a[at + 2] & 0xFF);
    }

    private static long u32(byte[] a, int at) {
        return ((a[at] & 0xFFL) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    private void corrupt() {
        state = State.RESYNC;
        ringLen = 0;
        clearPending();
        sink.resync();
    }
}
