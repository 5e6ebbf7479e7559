package dev.kino.container.mp4;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Records what a parser reports, to compare runs. */
final class RecordingListener implements ContainerListener {
    /** One event: an init segment (mime set) or a fragment (mime null). */
    record Event(byte[] bytes, String mime, boolean keyframe, long millis) {
        boolean isInit() {
            return mime != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && Arrays.equals(bytes, e.bytes) && Objects.equals(mime, e.mime)
                    && keyframe == e.keyframe && millis == e.millis;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + Objects.hash(mime, keyframe, millis);
        }

        @Override
        public String toString() {
            String head = HexFormat.of().formatHex(bytes, 0, Math.min(16, bytes.length));
            return isInit() ? "init(" + bytes.length + " bytes " + head + ", " + mime + ")"
                    : "fragment(" + bytes.length + " bytes " + head + ", key=" + keyframe + ", " + millis + " ms)";
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void onInit(byte[] init, String mimeType) {
        events.add(new Event(init, Objects.requireNonNull(mimeType), false, 0));
    }

    @Override
    public void onFragment(byte[] fragment, boolean keyframe, long timestampMillis) {
        events.add(new Event(fragment, null, keyframe, timestampMillis));
    }

    List<Event> fragments() {
        return events.stream().filter(e -> !e.isInit()).toList();
    }

    /** Feeds all of {@code data} at once, then ends the input. */
    static List<Event> whole(byte[] data) throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = new Fmp4Parser(l);
        p.feed(data, 0, data.length);
        p.endOfInput();
        return l.events;
    }

    /** Feeds {@code data} in random pieces of 1 to {@code maxPiece} bytes. */
    static List<Event> randomSplits(byte[] data, long seed, int maxPiece) throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = new Fmp4Parser(l);
        Random random = new Random(seed);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + random.nextInt(maxPiece));
            p.feed(data, off, n);
            off += n;
        }
        p.endOfInput();
        return l.events;
    }

    /** Feeds {@code data} one byte at a time, from a copy so that nothing can read ahead. */
    static List<Event> byteByByte(byte[] data) throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = new Fmp4Parser(l);
        byte[] one = new byte[1];
        for (byte b : data) {
            one[0] = b;
            p.feed(one, 0, 1);
        }
        p.endOfInput();
        return l.events;
    }
}
