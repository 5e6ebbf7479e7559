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
import java.util.function.Function;

/** Records what a parser reports, to compare runs. */
public final class RecordingListener implements ContainerListener {
    /** One event: an init segment (mime set) or a fragment (mime null). */
    public record Event(byte[] bytes, String mime, boolean keyframe, long millis) {
        public boolean isInit() {
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

    public final List<Event> events = new ArrayList<>();
    /** What {@link #onVideoInfo} reported, as {width, height, frames per second}, in order. */
    public final List<double[]> videoInfo = new ArrayList<>();

    @Override
    public void onInit(byte[] init, String mimeType) {
        events.add(new Event(init, Objects.requireNonNull(mimeType), false, 0));
    }

    @Override
    public void onFragment(byte[] fragment, boolean keyframe, long timestampMillis) {
        events.add(new Event(fragment, null, keyframe, timestampMillis));
    }

    @Override
    public void onVideoInfo(int width, int height, double framesPerSecond) {
        videoInfo.add(new double[] {width, height, framesPerSecond});
    }

    public List<Event> fragments() {
        return events.stream().filter(e -> !e.isInit()).toList();
    }

    /** Feeds all of {@code data} at once, then ends the input. */
    static List<Event> whole(byte[] data) throws ParseException {
        return whole(Fmp4Parser::new, data);
    }

    /** Feeds all of {@code data} at once to the parser {@code make} gives, then ends the input. */
    public static List<Event> whole(Function<ContainerListener, ContainerParser> make, byte[] data) throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = make.apply(l);
        p.feed(data, 0, data.length);
        p.endOfInput();
        return l.events;
    }

    /** Feeds {@code data} in random pieces of 1 to {@code maxPiece} bytes. */
    static List<Event> randomSplits(byte[] data, long seed, int maxPiece) throws ParseException {
        return randomSplits(Fmp4Parser::new, data, seed, maxPiece);
    }

    public static List<Event> randomSplits(Function<ContainerListener, ContainerParser> make, byte[] data, long seed, int maxPiece)
            throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = make.apply(l);
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
        return byteByByte(Fmp4Parser::new, data);
    }

    public static List<Event> byteByByte(Function<ContainerListener, ContainerParser> make, byte[] data) throws ParseException {
        RecordingListener l = new RecordingListener();
        ContainerParser p = make.apply(l);
        byte[] one = new byte[1];
        for (byte b : data) {
            one[0] = b;
            p.feed(one, 0, 1);
        }
        p.endOfInput();
        return l.events;
    }
}
