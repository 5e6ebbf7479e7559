package dev.kino.container.flv;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import dev.kino.container.mp4.AacConfig;
import dev.kino.container.mp4.VideoConfig;
import java.util.Arrays;

/**
 * FLV in, fragmented MP4 out: reads the file header and the tags (for any split of the input), and hands the
 * H.264/HEVC/AV1 and AAC samples to a {@link Fmp4Packager}, without transcoding. What RTMP carries is FLV tags, so
 * this is also the RTMP ingest's container. Pure; one feeding thread.
 */
public final class FlvParser implements ContainerParser {
    /** The largest tag body read: a 4K keyframe is a few MB; the field allows 16 MiB. */
    public static final int DEFAULT_MAX_TAG_BYTES = 16 << 20;
    /**
     * The longest fragment: 200 ms, so a viewer is a fifth of a second behind the encoder rather than a whole GOP,
     * and a fragment can serve as a Low-Latency HLS part.
     */
    public static final int DEFAULT_FRAGMENT_MILLIS = 200;
    private static final int FILE_HEADER = 9;
    private static final int TAG_HEADER = 11;
    private static final int BACK_POINTER = 4;

    private enum State { FILE_HEADER, SKIP_HEADER, BACK_POINTER, TAG_HEADER, TAG_BODY }

    private final Fmp4Packager packager;
    private final int maxTagBytes;
    private State state = State.FILE_HEADER;
    /** What a tag body's array starts with: a tag header alone never allocates the size it declares (up to 16 MiB). */
    private static final int FIRST_CHUNK = 64 << 10;
    private byte[] buf = new byte[FILE_HEADER];
    private int need = FILE_HEADER; // bytes of the element being read; buf holds at least those that have arrived
    private int have;
    private long skip;
    private int tagType;
    private long tagTime;

    public FlvParser(ContainerListener listener) {
        this(listener, DEFAULT_MAX_TAG_BYTES, DEFAULT_FRAGMENT_MILLIS);
    }

    /** @param fragmentMillis the longest fragment when keyframes are further apart */
    public FlvParser(ContainerListener listener, int maxTagBytes, int fragmentMillis) {
        this.packager = new Fmp4Packager(listener, fragmentMillis);
        this.maxTagBytes = maxTagBytes;
    }

    @Override
    public void feed(byte[] data, int off, int len) throws ParseException {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (state == State.SKIP_HEADER) {
                int n = (int) Math.min(skip, end - pos);
                pos += n;
                skip -= n;
                if (skip == 0) {
                    expect(State.BACK_POINTER, BACK_POINTER);
                }
                continue;
            }
            int n = Math.min(need - have, end - pos);
            if (have + n > buf.length) { // a tag body's array grows as it arrives, up to the tag's size
                buf = Arrays.copyOf(buf, Math.min(need, Math.max(have + n, 2 * buf.length)));
            }
            System.arraycopy(data, pos, buf, have, n);
            have += n;
            pos += n;
            if (have == need) {
                complete();
            }
        }
    }

    @Override
    public void endOfInput() throws ParseException {
        boolean between = state == State.TAG_HEADER && have == 0 || state == State.BACK_POINTER;
        packager.end();
        if (!between && !(state == State.FILE_HEADER && have == 0)) {
            throw ParseException.malformed("FLV cut off inside " + switch (state) {
                case FILE_HEADER, SKIP_HEADER -> "the file header";
                case TAG_HEADER -> "a tag header";
                default -> "a tag of " + need + " bytes";
            });
        }
    }

    private void complete() throws ParseException {
        switch (state) {
            case FILE_HEADER -> fileHeader();
            case BACK_POINTER -> expect(State.TAG_HEADER, TAG_HEADER); // not checked: muxers write junk there
            case TAG_HEADER -> tagHeader();
            case TAG_BODY -> {
                byte[] body = buf;
                expect(State.BACK_POINTER, BACK_POINTER);
                tag(body);
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void fileHeader() throws ParseException {
        if (buf[0] != 'F' || buf[1] != 'L' || buf[2] != 'V') {
            throw ParseException.malformed("not FLV: it does not start with \"FLV\"");
        }
        if (buf[3] != 1) {
            throw ParseException.unsupported("FLV version " + (buf[3] & 0xFF));
        }
        long size = u32(buf, 5);
        if (size < FILE_HEADER || size > 1 << 16) {
            throw ParseException.malformed("FLV header size " + size);
        }
        skip = size - FILE_HEADER;
        if (skip > 0) {
            state = State.SKIP_HEADER;
            have = 0;
        } else {
            expect(State.BACK_POINTER, BACK_POINTER);
        }
    }

    private void tagHeader() throws ParseException {
        int b0 = buf[0] & 0xFF;
        if ((b0 & 0x20) != 0) {
            throw ParseException.unsupported("encrypted FLV (the tag filter bit is set)");
        }
        tagType = b0 & 0x1F;
        int size = ((buf[1] & 0xFF) << 16) | ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
        tagTime = (((buf[4] & 0xFF) << 16) | ((buf[5] & 0xFF) << 8) | (buf[6] & 0xFF)) | ((long) (buf[7] & 0xFF) << 24);
        if (size > maxTagBytes) {
            throw ParseException.malformed("FLV tag of " + size + " bytes, over the limit of " + maxTagBytes);
        }
        expect(State.TAG_BODY, size);
        if (size == 0) {
            expect(State.BACK_POINTER, BACK_POINTER);
        }
    }

    private void tag(byte[] body) throws ParseException {
        switch (tagType) {
            case 8 -> {
                FlvAudio a = FlvAudio.parse(body);
                if (a != null && a.config()) {
                    packager.audioConfig(AacConfig.parse(a.data()));
                } else if (a != null) {
                    packager.audioFrame(tagTime, a.data());
                }
            }
            case 9 -> {
                FlvVideo v = FlvVideo.parse(body);
                switch (v.kind()) {
                    case CONFIG -> packager.videoConfig(new VideoConfig(v.coding(), v.data()));
                    case FRAME -> packager.videoFrame(tagTime, v.ctsOffset(), v.keyframe(), v.data());
                    default -> { } // end of sequence, command frames, metadata
                }
            }
            case 18 -> packager.metadata(OnMetaData.parse(body));
            default -> { } // unknown tags are skipped
        }
    }

    private void expect(State next, int bytes) {
        state = next;
        need = bytes;
        if (next == State.TAG_BODY) {
            buf = new byte[Math.min(bytes, FIRST_CHUNK)]; // a tag body is handed over whole, so each gets its own array
        } else if (buf.length != bytes) {
            buf = new byte[bytes];
        }
        have = 0;
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
