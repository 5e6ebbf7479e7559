package dev.kino.container.webm;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Feeds a whole input to a fresh parser in different splits and reports the events (and the error, if any). */
final class Feeds {
    /** What one run produced: the events, and the ParseException that ended it or null. */
    record Outcome(RecordingListener listener, ParseException error) {
        List<String> described() {
            List<String> events = new ArrayList<>(listener.described());
            if (error != null) {
                events.add((error.isMalformed() ? "malformed: " : "unsupported: ") + error.getMessage());
            }
            return events;
        }
    }

    private Feeds() {}

    static Outcome whole(byte[] input) {
        return chunked(input, new int[] {input.length});
    }

    static Outcome oneByteAtATime(byte[] input) {
        RecordingListener listener = new RecordingListener();
        WebmParser parser = new WebmParser(listener);
        try {
            for (int i = 0; i < input.length; i++) {
                parser.feed(input, i, 1);
            }
            parser.endOfInput();
            return new Outcome(listener, null);
        } catch (ParseException e) {
            return new Outcome(listener, e);
        }
    }

    /** Random splits: chunks of 1 byte to 64 KiB, sometimes empty. */
    static Outcome randomSplits(byte[] input, long seed) {
        Random random = new Random(seed);
        int[] sizes = new int[input.length + 1];
        int n = 0;
        for (int done = 0; done < input.length; n++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(3);
                case 1 -> 1 + random.nextInt(16);
                case 2 -> 1 + random.nextInt(4096);
                default -> 1 + random.nextInt(65536);
            };
            sizes[n] = Math.min(size, input.length - done);
            done += sizes[n];
        }
        return chunked(input, Arrays.copyOf(sizes, n));
    }

    /** Feeds {@code input} in chunks of the given sizes (copied into fresh arrays, as a socket would), then ends. */
    static Outcome chunked(byte[] input, int[] sizes) {
        return chunked(input, sizes, WebmParser.DEFAULT_MAX_INIT_BYTES, WebmParser.DEFAULT_MAX_CLUSTER_BYTES);
    }

    static Outcome chunked(byte[] input, int[] sizes, int maxInitBytes, int maxClusterBytes) {
        RecordingListener listener = new RecordingListener();
        return run(new WebmParser(listener, maxInitBytes, maxClusterBytes), listener, input, sizes);
    }

    private static Outcome run(WebmParser parser, RecordingListener listener, byte[] input, int[] sizes) {
        try {
            int off = 0;
            for (int size : sizes) {
                byte[] chunk = new byte[size + 2];
                System.arraycopy(input, off, chunk, 1, size);
                parser.feed(chunk, 1, size);
                off += size;
            }
            parser.endOfInput();
            return new Outcome(listener, null);
        } catch (ParseException e) {
            return new Outcome(listener, e);
        }
    }
}
