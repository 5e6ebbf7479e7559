package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.cat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A scripted publisher (as ffmpeg and OBS talk) against the session, in every split. */
class RtmpServerSessionTest {
    private static final long WINDOW = 5000;
    private static final Map<String, Object> METADATA = metadata();
    private static final byte[] VIDEO = Bytes.random(21, 10_000);
    private static final byte[] AUDIO = Bytes.random(22, 300);

    private static final List<String> CONNECT_REPLIES = List.of(
            "WindowAckSize 2500000",
            "SetPeerBandwidth 2500000 2",
            "SetChunkSize 4096",
            "msid 0 [_result, 1.0, {fmsVer=FMS/3,0,1,123, capabilities=31.0}, {level=status,"
                    + " code=NetConnection.Connect.Success, description=Connection succeeded., objectEncoding=0.0}]",
            "msid 0 [_result, 2.0, null, null]",
            "msid 0 [_result, 3.0, null, null]",
            "msid 0 [_result, 4.0, null, 1.0]");
    private static final List<String> ACCEPT_REPLIES = List.of(
            "UserControl 0 1",
            "msid 1 [onStatus, 0.0, null, {level=status, code=NetStream.Publish.Start, description=cam1 is now published.}]");

    @Test
    void aWholePublishingSessionInEverySplit() throws ParseException {
        ScriptedPublisher client = publishing("live/");
        byte[] input = cat(client.take(), afterPublish(client));
        SessionRun whole = null;

        for (int[] sizes : Splits.variety(input.length)) {
            SessionRun run = new SessionRun(RtmpServerSession::acceptPublish);
            run.feed(input, sizes);

            if (whole == null) {
                whole = run;
                assertHandshakeReply(run.sent.toByteArray());
                List<String> expected = new ArrayList<>(CONNECT_REPLIES);
                expected.addAll(ACCEPT_REPLIES);
                expected.add("UserControl 7 4242");
                expected.add("msid 0 [_error, 6.0, null, {level=error, code=NetConnection.Call.Failed,"
                        + " description=unknown command FCSubscribe}]");
                assertEquals(expected, run.describedReplies());
                assertEquals(expectedEvents(), run.events);
                assertMediaPayloads(run.media);
                assertAcksEveryWindow(run.acks(), input.length);
                assertEquals(input.length, run.session.bytesReceived());
                assertEquals("live", run.session.app());
            } else {
                assertArrayEquals(whole.sent.toByteArray(), run.sent.toByteArray(), Splits.describe(sizes));
                assertEquals(whole.events, run.events, Splits.describe(sizes));
            }
        }
    }

    @Test
    void acceptingLaterGivesTheSameConversation() throws ParseException {
        ScriptedPublisher client = publishing("live/");
        byte[] first = client.take();
        byte[] second = afterPublish(client);
        SessionRun inside = new SessionRun(RtmpServerSession::acceptPublish);
        inside.feed(cat(first, second), Splits.whole(first.length + second.length));

        for (long seed = 1; seed <= 4; seed++) {
            SessionRun later = new SessionRun(s -> { });
            later.feed(first, Splits.random(first.length, seed));
            assertEquals(CONNECT_REPLIES, later.describedReplies());
            later.session.acceptPublish();
            Splits.feed(later.session::feed, second, 0, Splits.random(second.length, seed + 10));

            assertArrayEquals(inside.sent.toByteArray(), later.sent.toByteArray());
            assertEquals(inside.events, later.events);
        }
    }

    @Test
    void mediaBeforeTheAnswerIsDropped() throws ParseException {
        ScriptedPublisher client = publishing("live");
        byte[] early = client.media(MessageType.VIDEO, 0, VIDEO).take();
        SessionRun run = new SessionRun(s -> { });
        run.feed(early, Splits.whole(early.length));

        run.session.acceptPublish();
        byte[] late = client.media(MessageType.AUDIO, 23, AUDIO).take();
        run.session.feed(late, 0, late.length);

        assertEquals(List.of("publish app=live name=cam1 query=key=abc", "media 8 @23 300 bytes #"
                + Integer.toHexString(Arrays.hashCode(AUDIO))), run.events);
    }

    @Test
    void theAppsQueryAndTheNamesAreMergedTheNamesWinning() throws ParseException {
        ScriptedPublisher client = connectedClient("live?token=t1&key=old");
        client.command(1, "publish", 5.0, null, "cam1?key=abc&x", "live");
        SessionRun run = new SessionRun(s -> { });

        byte[] input = client.take();
        run.feed(input, Splits.whole(input.length));

        assertEquals(List.of("publish app=live name=cam1 query=token=t1&key=abc&x"), run.events);
        assertEquals("live", run.session.app());
    }

    @Test
    void aRefusedPublishGetsAnErrorStatusAndItsMediaIsDropped() throws ParseException {
        ScriptedPublisher client = publishing("live");
        byte[] input = cat(client.take(), afterPublish(client), client.command(1, "publish", 9.0, null, "cam2", "live").take());
        Consumer<RtmpServerSession> refuse = s -> s.refusePublish("NetStream.Publish.BadName", "cam1 is already published");

        for (int[] sizes : List.of(Splits.whole(input.length), Splits.random(input.length, 3), Splits.oneByteAtATime(input.length))) {
            SessionRun run = new SessionRun(refuse);
            run.feed(input, sizes);

            List<String> replies = run.describedReplies();
            assertEquals(CONNECT_REPLIES, replies.subList(0, CONNECT_REPLIES.size()));
            assertEquals(List.of("msid 1 [onStatus, 0.0, null, {level=error, code=NetStream.Publish.BadName,"
                            + " description=cam1 is already published}]", "UserControl 7 4242",
                    "msid 0 [_error, 6.0, null, {level=error, code=NetConnection.Call.Failed, description=unknown command FCSubscribe}]",
                    "msid 1 [onStatus, 0.0, null, {level=error, code=NetStream.Publish.BadConnection,"
                            + " description=one publish per connection}]"),
                    replies.subList(CONNECT_REPLIES.size(), replies.size()));
            assertEquals(List.of("publish app=live name=cam1 query=key=abc"), run.events);
        }
    }

    @Test
    void answersAfterThePublisherLeftAreIgnoredAndAnswersWithoutARequestAreRefused() throws ParseException {
        byte[] input = publishing("live").command(0, "deleteStream", 6.0, null, 1.0).take();
        SessionRun run = new SessionRun(s -> { });
        assertThrows(IllegalStateException.class, run.session::acceptPublish);

        run.feed(input, Splits.whole(input.length));
        run.session.acceptPublish();
        run.session.refusePublish("NetStream.Publish.Denied", "late");

        assertEquals(List.of("publish app=live name=cam1 query=key=abc", "unpublished publisher finished"), run.events);
        assertEquals(CONNECT_REPLIES, run.describedReplies());
    }

    @Test
    void playIsRefused() throws ParseException {
        ScriptedPublisher client = connectedClient("live");
        client.command(1, "play", 5.0, null, "cam1", -2000.0).command(1, "play2", 0.0, null, Map.of());
        SessionRun run = new SessionRun(s -> { });

        byte[] input = client.take();
        run.feed(input, Splits.whole(input.length));

        String failed = "[onStatus, 0.0, null, {level=error, code=NetStream.Play.Failed, description=this server takes"
                + " publishers only}]";
        List<String> replies = run.describedReplies();
        assertEquals(List.of("msid 1 " + failed, "msid 1 " + failed), replies.subList(replies.size() - 2, replies.size()));
        assertEquals(List.of(), run.events);
    }

    @Test
    void aPublishWithoutANameIsABadName() throws ParseException {
        ScriptedPublisher client = connectedClient("live");
        client.command(1, "publish", 5.0, null, "?key=abc", "live");
        SessionRun run = new SessionRun(s -> { });

        byte[] input = client.take();
        run.feed(input, Splits.whole(input.length));

        assertEquals("msid 1 [onStatus, 0.0, null, {level=error, code=NetStream.Publish.BadName, description=publish without a"
                + " stream name}]", run.describedReplies().getLast());
        assertEquals(List.of(), run.events);
    }

    @Test
    void smallWindowsAreRaisedToTheMinimum() throws ParseException {
        ScriptedPublisher client = new ScriptedPublisher().handshake()
                .command(0, "connect", 1.0, Map.of("app", "live")).send(ControlMessages.windowAckSize(1));
        for (int i = 0; i < 10; i++) {
            client.command(0, "someCall", 0.0, null, "x".repeat(500));
        }
        byte[] input = client.take();
        SessionRun run = new SessionRun(s -> { });

        run.feed(input, Splits.random(input.length, 1));

        List<Long> acks = run.acks();
        assertTrue(acks.size() >= 4, acks::toString);
        for (int i = 1; i < acks.size(); i++) {
            assertEquals(RtmpServerSession.MIN_ACK_WINDOW, acks.get(i) - acks.get(i - 1));
        }
    }

    @Test
    void protocolErrorsAreParseExceptions() {
        assertFails(cat(new ScriptedPublisher().handshake().command(0, "createStream", 2.0, null).take()), true,
                "command 'createStream' before connect");
        assertFails(connectedClient("live").command(0, "connect", 1.0, Map.of()).take(), true, "connect received twice");
        assertFails(connectedClient("live").command(0, 42.0).take(), true, "command message without a command name: [42.0]");
        assertFails(connectedClient("live").send(new RtmpMessage(3, MessageType.COMMAND_AMF3, 0, 0,
                Amf0.encode("x"))).take(), false, "AMF3 message (type 17) whose body does not start with format byte 0:"
                + " only AMF0 bodies are supported");
        assertFails(connectedClient("live").command(0, "x", 2.0, null, "y".repeat(70_000)).take(), true,
                "command message of 70019 bytes; the limit is 65536");
        assertFails(cat(new byte[] {6}, new byte[3072]), false, "RTMP version 6: RTMPE (encrypted RTMP) is not supported;"
                + " use rtmp:// or put TLS in front");
    }

    @Test
    void aBrokenAggregateIsMalformed() throws ParseException {
        byte[] input = publishing("live").send(new RtmpMessage(6, MessageType.AGGREGATE, 1, 0,
                Bytes.hex("09 0000FF 000000 00 000000 AABB"))).take();
        SessionRun run = new SessionRun(RtmpServerSession::acceptPublish);

        ParseException e = assertThrows(ParseException.class, () -> run.feed(input, Splits.whole(input.length)));

        assertEquals("aggregate message of 13 bytes: a tag of 255 data bytes at offset 0 but 2 bytes left", e.getMessage());
        ParseException again = assertThrows(ParseException.class, () -> run.session.feed(new byte[1], 0, 1));
        assertTrue(again.getMessage().startsWith("the RTMP session failed earlier: aggregate message"), again.getMessage());
    }

    @Test
    void aMediaErrorEndsTheSession() throws ParseException {
        byte[] input = publishing("live").media(MessageType.VIDEO, 0, VIDEO).take();
        RtmpServerSession[] session = new RtmpServerSession[1];
        session[0] = new RtmpServerSession(new RtmpServerSession.Events() {
            @Override
            public void send(byte[] bytes) { }

            @Override
            public void publishRequested(String app, String streamName, String query) {
                session[0].acceptPublish();
            }

            @Override
            public void media(int typeId, long timestamp, byte[] payload) throws ParseException {
                throw ParseException.unsupported("not H.264");
            }

            @Override
            public void unpublished(String how) { }
        }, ChunkDecoder.Limits.DEFAULT, new Random(1));

        ParseException e = assertThrows(ParseException.class, () -> session[0].feed(input, 0, input.length));

        assertEquals("not H.264", e.getMessage());
        assertFalse(e.isMalformed());
    }

    /** Handshake, client chunk size, connect, window, releaseStream, FCPublish, createStream, publish. */
    private static ScriptedPublisher publishing(String app) {
        return connectedClient(app).command(1, "publish", 5.0, null, "cam1?key=abc", "live");
    }

    private static ScriptedPublisher connectedClient(String app) {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", app);
        connect.put("type", "nonprivate");
        connect.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        connect.put("tcUrl", "rtmp://localhost:1935/" + app);
        return new ScriptedPublisher().handshake()
                .send(ControlMessages.setChunkSize(4096))
                .command(0, "connect", 1.0, connect)
                .send(ControlMessages.windowAckSize(WINDOW))
                .command(0, "releaseStream", 2.0, null, "cam1?key=abc")
                .command(0, "FCPublish", 3.0, null, "cam1?key=abc")
                .command(0, "createStream", 4.0, null);
    }

    /** Metadata, video, audio, a ping, an aggregate, bare and AMF3 metadata, calls, more video, the end. */
    private static byte[] afterPublish(ScriptedPublisher client) {
        client.send(new RtmpMessage(4, MessageType.DATA_AMF0, 1, 0, Amf0.encode("@setDataFrame", "onMetaData", METADATA)))
                .media(MessageType.VIDEO, 0, VIDEO)
                .media(MessageType.AUDIO, 23, AUDIO)
                .send(ControlMessages.userControl(ControlMessages.EVENT_PING_REQUEST, 4242))
                .send(new RtmpMessage(6, MessageType.AGGREGATE, 1, 1000, aggregate()))
                .send(new RtmpMessage(4, MessageType.DATA_AMF0, 1, 2000, Amf0.encode("onMetaData", Map.of())))
                .send(new RtmpMessage(4, MessageType.DATA_AMF3, 1, 2001,
                        cat(new byte[1], Amf0.encode("@setDataFrame", "onMetaData", Map.of("a", 1.0)))))
                .commandAmf3(0, "FCSubscribe", 6.0, null, "cam1")
                .command(1, "receiveVideo", 0.0, null, true)
                .send(new RtmpMessage(6, MessageType.VIDEO, 2, 2002, VIDEO)); // another message stream: not ours
        for (int i = 1; i <= 5; i++) {
            client.media(MessageType.VIDEO, 2000 + 33L * i, Arrays.copyOf(VIDEO, 4000 + i));
        }
        client.command(0, "FCUnpublish", 7.0, null, "cam1?key=abc")
                .command(1, "deleteStream", 8.0, null, 1.0)
                .media(MessageType.VIDEO, 3000, VIDEO);
        return client.take();
    }

    /** Two FLV tags: video at 500 (0x01 in the upper timestamp byte of the second: 0x01000000 + 523) and audio. */
    private static byte[] aggregate() {
        return cat(Bytes.hex("09 000003 0001F4 00 000000 170001 0000000E"),
                Bytes.hex("08 000002 00020B 01 000000 AF01 0000000D"));
    }

    private static List<String> expectedEvents() {
        List<String> events = new ArrayList<>(List.of(
                "publish app=live name=cam1 query=key=abc",
                media(18, 0, Amf0.encode("onMetaData", METADATA)),
                media(9, 0, VIDEO),
                media(8, 23, AUDIO),
                media(9, 1000, Bytes.hex("170001")),
                media(8, 0x01000000L + 1023, Bytes.hex("AF01")),
                media(18, 2000, Amf0.encode("onMetaData", Map.of())),
                media(18, 2001, Amf0.encode("onMetaData", Map.of("a", 1.0)))));
        for (int i = 1; i <= 5; i++) {
            events.add(media(9, 2000 + 33L * i, Arrays.copyOf(VIDEO, 4000 + i)));
        }
        events.add("unpublished publisher finished");
        return events;
    }

    private static String media(int type, long timestamp, byte[] payload) {
        return new SessionRun.Media(type, timestamp, payload).toString();
    }

    private static void assertHandshakeReply(byte[] sent) {
        assertEquals(3, sent[0]);
        assertArrayEquals(new byte[8], Arrays.copyOfRange(sent, 1, 9));
        assertArrayEquals(Bytes.random(11, 1536), Arrays.copyOfRange(sent, 1537, 3073), "S2 echoes C1");
    }

    private static void assertMediaPayloads(List<SessionRun.Media> media) throws ParseException {
        assertArrayEquals(VIDEO, media.get(1).payload());
        assertEquals(List.of("onMetaData", METADATA), Amf0.decodeAll(media.getFirst().payload()));
    }

    /** The window is set before it has passed, so the acknowledgements fall on its multiples exactly. */
    private static void assertAcksEveryWindow(List<Long> acks, int received) {
        List<Long> expected = new ArrayList<>();
        for (long n = WINDOW; n <= received; n += WINDOW) {
            expected.add(n);
        }
        assertTrue(expected.size() >= 10, "the script spans several windows");
        assertEquals(expected, acks);
    }

    private static void assertFails(byte[] input, boolean malformed, String message) {
        RtmpServerSession session = new RtmpServerSession(new SessionRun(s -> { }), ChunkDecoder.Limits.DEFAULT,
                new Random(1));
        ParseException e = assertThrows(ParseException.class, () -> session.feed(input, 0, input.length));
        assertEquals(message, e.getMessage());
        assertEquals(malformed, e.isMalformed());
    }

    private static Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duration", 0.0);
        m.put("width", 1280.0);
        m.put("height", 720.0);
        m.put("videocodecid", 7.0);
        m.put("encoder", "Lavf61.7.100");
        return m;
    }
}
