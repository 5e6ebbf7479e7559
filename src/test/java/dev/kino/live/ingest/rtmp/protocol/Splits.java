package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Ways of cutting an input into the pieces a socket might deliver. */
final class Splits {
    /** Something fed bytes, as the decoders are. */
    interface Sink {
        void feed(byte[] data, int off, int len) throws ParseException;
    }

    private Splits() {}

    static int[] whole(int length) {
        return new int[] {length};
    }

    static int[] oneByteAtATime(int length) {
        int[] sizes = new int[length];
        Arrays.fill(sizes, 1);
        return sizes;
    }

    /** Pieces of 0 to 3, up to 16, up to 512 and up to 8192 bytes, mixed. */
    static int[] random(int length, long seed) {
        Random random = new Random(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int done = 0; done < length; ) {
            int size = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(4);
                case 1 -> 1 + random.nextInt(16);
                case 2 -> 1 + random.nextInt(512);
                default -> 1 + random.nextInt(8192);
            };
            size = Math.min(size, length - done);
            sizes.add(size);
            done += size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whole, one byte at a time and eight random splits. */
    static List<int[]> variety(int length) {
        List<int[]> all = new ArrayList<>(List.of(whole(length), oneByteAtATime(length)));
        for (long seed = 1; seed <= 8; seed++) {
            all.add(random(length, seed));
        }
        return all;
    }

    /** Feeds {@code input[from, from + sum(sizes))} in pieces, each copied into a fresh array at offset 1. */
    static void feed(Sink sink, byte[] input, int from, int[] sizes) throws ParseException {
        int off = from;
        for (int size : sizes) {
            byte[] piece = new byte[size + 2];
            System.arraycopy(input, off, piece, 1, size);
            sink.feed(piece, 1, size);
            off += size;
        }
    }

    static String describe(int[] sizes) {
        return sizes.length == 1 ? "whole" : sizes.length + " pieces";
    }
}
