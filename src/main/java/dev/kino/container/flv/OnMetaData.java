package dev.kino.container.flv;

import java.nio.charset.StandardCharsets;

/**
 * What an FLV {@code onMetaData} script tag says of the video: width, height and frame rate (0 = not said). Reads
 * just enough AMF0 for that and gives up quietly on anything else: metadata never stops a stream. Pure.
 */
record OnMetaData(int width, int height, double framesPerSecond) {
    static final OnMetaData NONE = new OnMetaData(0, 0, 0);
    private static final int MAX_DEPTH = 8;

    static OnMetaData parse(byte[] body) {
        Reader r = new Reader(body);
        try {
            if (!"onMetaData".equals(r.value(0))) {
                return NONE;
            }
            r.value(0); // the object or ECMA array, read into the fields below
            return new OnMetaData((int) r.width, (int) r.height, r.fps);
        } catch (RuntimeException e) { // truncated or odd AMF0: no metadata
            return new OnMetaData((int) r.width, (int) r.height, r.fps);
        }
    }

    /** A minimal AMF0 reader that keeps the three top-level numbers it is after. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        double width;
        double height;
        double fps;

        Reader(byte[] b) {
            this.b = b;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalStateException("too deep");
            }
            int marker = b[pos++] & 0xFF;
            switch (marker) {
                case 0 -> {
                    long bits = 0;
                    for (int i = 0; i < 8; i++) {
                        bits = (bits << 8) | (b[pos++] & 0xFF);
                    }
                    return Double.longBitsToDouble(bits);
                }
                case 1 -> {
                    return b[pos++] != 0;
                }
                case 2 -> {
                    return string(u16());
                }
                case 3 -> properties(depth);
                case 8 -> {
                    pos += 4; // the count, which encoders get wrong: the end marker decides
                    properties(depth);
                }
                case 10 -> {
                    long n = u32();
                    for (long i = 0; i < n; i++) {
                        value(depth + 1);
                    }
                }
                case 5, 6 -> {
                    return null;
                }
                case 11 -> pos += 10;
                case 12 -> {
                    return string((int) u32());
                }
                default -> throw new IllegalStateException("AMF0 marker " + marker);
            }
            return null;
        }

        private void properties(int depth) {
            while (true) {
                int len = u16();
                if (len == 0 && (b[pos] & 0xFF) == 9) {
                    pos++;
                    return;
                }
                String key = string(len);
                Object v = value(depth + 1);
                if (depth == 0 && v instanceof Double d) {
                    switch (key) {
                        case "width" -> width = d;
                        case "height" -> height = d;
                        case "framerate", "videoframerate" -> fps = d;
                        default -> { }
                    }
                }
            }
        }

        private String string(int len) {
            if (len < 0 || len > b.length - pos) {
                throw new IllegalStateException("string past the end");
            }
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        private int u16() {
            int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        private long u32() {
            long v = ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }
    }
}
