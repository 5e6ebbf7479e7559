package dev.kino.live.ingest.rtmp.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corrupted sessions (seeded, bounded): a ParseException or a clean run, never another exception or a flood. */
class RtmpFuzzTest {
    @Test
    void corruptedPublishingSessions() {
        byte[] valid = script();
        Random random = new Random(99);
        for (int i = 0; i < 300; i++) {
            byte[] input = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                input[3073 + random.nextInt(input.length - 3073)] = (byte) random.nextInt(256);
            }
            SessionRun run = new SessionRun(RtmpServerSession::acceptPublish);
            try {
                run.feed(input, Splits.random(input.length, i));
            } catch (ParseException expected) {
                assertTrue(!expected.getMessage().isEmpty());
            }
            assertTrue(run.sent.size() < 3073 + input.length, run.sent.size() + " bytes sent for " + input.length);
        }
    }

    @Test
    void randomChunkStreams() {
        Random random = new Random(98);
        for (int i = 0; i < 300; i++) {
            byte[] input = Bytes.random(random.nextLong(), 1 + random.nextInt(4000));
            Decoding.decode(input, Splits.random(input.length, i), new ChunkDecoder.Limits(1 << 16, 1 << 17, 16));
        }
    }

    private static byte[] script() {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        connect.put("tcUrl", "rtmp://localhost/live");
        ScriptedPublisher client = new ScriptedPublisher().handshake()
                .command(0, "connect", 1.0, connect)
                .send(ControlMessages.windowAckSize(4096))
                .command(0, "createStream", 2.0, null)
                .command(1, "publish", 3.0, null, "cam1", "live")
                .send(new RtmpMessage(4, MessageType.DATA_AMF0, 1, 0, Amf0.encode("@setDataFrame", "onMetaData",
                        Map.of("width", 640.0))));
        for (int i = 0; i < 20; i++) {
            client.media(i % 2 == 0 ? MessageType.VIDEO : MessageType.AUDIO, 20L * i, Bytes.random(i, 50 + 37 * i));
        }
        client.send(new RtmpMessage(6, MessageType.AGGREGATE, 1, 500, Bytes.hex("09 000001 0001F4 00 000000 AA 0000000C")));
        return client.command(1, "deleteStream", 4.0, null, 1.0).take();
    }
}
