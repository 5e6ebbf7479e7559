package dev.kino.live.ingest.rtmp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link ChunkDecoder} over an input in different splits. */
final class Decoding {
    /** The messages delivered, and the error that ended the run ("malformed: …"/"unsupported: …") or null. */
    record Outcome(List<RtmpMessage> messages, String error, long bytesRead, int chunkSize) {}

    private Decoding() {}

    static Outcome decode(byte[] input, int[] sizes, ChunkDecoder.Limits limits) {
        List<RtmpMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(messages::add, limits);
        String error = null;
        try {
            Splits.feed(decoder::feed, input, 0, sizes);
        } catch (ParseException e) {
            error = (e.isMalformed() ? "malformed: " : "unsupported: ") + e.getMessage();
        }
        return new Outcome(messages, error, decoder.bytesRead(), decoder.chunkSize());
    }

    static Outcome decodeWhole(byte[] input) {
        return decode(input, Splits.whole(input.length), ChunkDecoder.Limits.DEFAULT);
    }

    /** Decodes in {@link Splits#variety} and checks every split gives the same messages and error. */
    static Outcome decodeInEverySplit(byte[] input, ChunkDecoder.Limits limits) {
        Outcome whole = decode(input, Splits.whole(input.length), limits);
        for (int[] sizes : Splits.variety(input.length)) {
            Outcome other = decode(input, sizes, limits);
            assertEquals(whole.messages(), other.messages(), Splits.describe(sizes));
            assertEquals(whole.error(), other.error(), Splits.describe(sizes));
        }
        return whole;
    }

    static Outcome decodeInEverySplit(byte[] input) {
        return decodeInEverySplit(input, ChunkDecoder.Limits.DEFAULT);
    }
}
