package dev.kino.container.webm;

import static dev.kino.container.webm.Ebml.cat;
import static dev.kino.container.webm.Ebml.element;
import static dev.kino.container.webm.Ebml.hex;
import static dev.kino.container.webm.Ebml.simpleBlock;
import static dev.kino.container.webm.Ebml.toHex;
import static dev.kino.container.webm.Ebml.uint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built streams → the exact events, for every way of splitting them. */
class WebmParserTest {
    private static final String EBML_HEADER = "1A45DFA3 9F 4286 81 01 42F7 81 01 42F2 81 04 42F3 81 08"
            + " 4282 84 7765626D 4287 81 04 4285 81 02";
    private static final String SEGMENT_UNKNOWN = "18538067 01FFFFFFFFFFFFFF";
    private static final String INFO = "1549A966 87 2AD7B1 83 0F4240";
    private static final String TRACKS_VP8 = "1654AE6B 8F AE 8D D7 81 01 83 81 01 86 85 565F565038";
    private static final String CLUSTER_1 = "1F43B675 FF E7 81 00 A3 86 81 0000 80 AABB A3 86 81 0021 00 CCDD";
    private static final String CLUSTER_2 = "1F43B675 01FFFFFFFFFFFFFF E7 82 03E8 A3 85 81 0005 00 EE";

    private static final byte[] VP8_TRACK = Ebml.track(1, Track.VIDEO, "V_VP8");
    private static final byte[] OPUS_TRACK = Ebml.track(2, Track.AUDIO, "A_OPUS");

    @Test
    void unknownSizeSegmentAndClustersGiveInitAndOneFragmentPerCluster() {
        byte[] input = hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8 + CLUSTER_1 + CLUSTER_2);

        Feeds.Outcome outcome = Feeds.whole(input);

        assertNull(outcome.error());
        List<RecordingListener.Event> events = outcome.listener().events;
        assertEquals(3, events.size(), events::toString);
        assertEquals("video/webm; codecs=\"vp8\"", events.get(0).mimeType());
        assertEquals(toHex(hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8)), toHex(events.get(0).bytes()));
        assertFragment(events.get(1), CLUSTER_1, true, 0);
        assertFragment(events.get(2), CLUSTER_2, false, 1005);
        assertSameEventsInEverySplit(input);
    }

    @Test
    void knownSizeSegmentIsRewrittenAsUnknownAndSeekHeadCuesTagsVoidAreDropped() {
        byte[] seekHead = element(ElementId.SEEK_HEAD, element(0x4DBB, uint(0x53AB, 0x1549A966), uint(0x53AC, 40)));
        byte[] voidElement = element(ElementId.VOID, new byte[20]);
        byte[] tags = element(0x1254C367, element(0x7373, Ebml.string(0x45A3, "ENCODER")));
        byte[] cluster1 = element(ElementId.CLUSTER, uint(ElementId.TIMECODE, 0), hex("A3 86 81 0000 80 AABB"));
        byte[] cluster2 = element(ElementId.CLUSTER, uint(ElementId.TIMECODE, 1000), hex("A3 85 81 0005 00 EE"));
        byte[] cues = element(ElementId.CUES, element(0xBB, uint(0xB3, 0)));
        byte[] body = cat(seekHead, voidElement, hex(INFO), hex(TRACKS_VP8), tags, cluster1, cluster2, cues);
        byte[] input = cat(hex(EBML_HEADER), element(ElementId.SEGMENT, body));

        Feeds.Outcome outcome = Feeds.whole(input);

        assertNull(outcome.error());
        List<RecordingListener.Event> events = outcome.listener().events;
        assertEquals(3, events.size(), events::toString);
        assertEquals(toHex(hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8)), toHex(events.get(0).bytes()));
        assertFragment(events.get(1), toHex(cluster1), true, 0);
        assertFragment(events.get(2), toHex(cluster2), false, 1005);
        assertSameEventsInEverySplit(input);
    }

    @Test
    void newEbmlHeaderMidStreamReinitialises() {
        byte[] first = hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8 + CLUSTER_1);
        byte[] second = stream(Ebml.info(1_000_000), cat(VP8_TRACK, OPUS_TRACK),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 0), simpleBlock(2, 0, true, hex("01")),
                        simpleBlock(1, 3, true, hex("02"))));
        byte[] input = cat(first, second);

        Feeds.Outcome outcome = Feeds.whole(input);

        assertNull(outcome.error());
        assertEquals(List.of("init", "fragment", "init", "fragment"),
                outcome.listener().events.stream().map(e -> e.isInit() ? "init" : "fragment").toList());
        assertFragment(outcome.listener().events.get(1), CLUSTER_1, true, 0);
        assertEquals("video/webm; codecs=\"vp8, opus\"", outcome.listener().events.get(2).mimeType());
        assertTrue(outcome.listener().events.get(3).keyframe(), "first video block is a keyframe, after an audio block");
        assertSameEventsInEverySplit(input);
    }

    @Test
    void aSecondSegmentAfterAKnownSizeOneReusesTheEbmlHeader() {
        byte[] segment = element(ElementId.SEGMENT, hex(INFO), hex(TRACKS_VP8),
                element(ElementId.CLUSTER, uint(ElementId.TIMECODE, 7), hex("A3 86 81 0000 80 AABB")));
        byte[] input = cat(hex(EBML_HEADER), segment, segment);

        Feeds.Outcome outcome = Feeds.whole(input);

        assertNull(outcome.error());
        assertEquals(4, outcome.listener().events.size());
        assertArrayEquals(outcome.listener().events.get(0).bytes(), outcome.listener().events.get(2).bytes());
        assertEquals(7, outcome.listener().events.get(3).timestampMillis());
    }

    @Test
    void keyframeIsTheFirstVideoBlocksFlagAndTimestampTheFirstBlocks() {
        byte[] cluster = cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 2000),
                simpleBlock(2, -20, true, hex("AA")), simpleBlock(1, 5, false, hex("BB")), simpleBlock(1, 45, true, hex("CC")));
        byte[] audioOnlyCluster = cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 2100),
                simpleBlock(2, 0, true, hex("AA")));
        byte[] input = stream(Ebml.info(1_000_000), cat(OPUS_TRACK, VP8_TRACK), cluster, audioOnlyCluster);

        List<RecordingListener.Event> fragments = Feeds.whole(input).listener().fragments();

        assertEquals(2, fragments.size());
        assertFalse(fragments.get(0).keyframe());
        assertEquals(1980, fragments.get(0).timestampMillis());
        assertFalse(fragments.get(1).keyframe(), "a Cluster with no video block is no place to start a video stream");
    }

    @Test
    void blockGroupIsAKeyframeWithoutReferenceBlock() {
        byte[] keyGroup = element(ElementId.BLOCK_GROUP, element(ElementId.BLOCK, Ebml.blockHeader(1, 0, 0), hex("AA")));
        byte[] deltaGroup = element(ElementId.BLOCK_GROUP, element(ElementId.BLOCK, Ebml.blockHeader(1, 40, 0), hex("BB")),
                hex("FB 81 D8"));
        byte[] input = stream(Ebml.info(1_000_000), VP8_TRACK,
                element(ElementId.CLUSTER, uint(ElementId.TIMECODE, 0), keyGroup, deltaGroup),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 80), deltaGroup, keyGroup));

        List<RecordingListener.Event> fragments = Feeds.whole(input).listener().fragments();

        assertEquals(List.of(true, false), fragments.stream().map(RecordingListener.Event::keyframe).toList());
        assertEquals(120, fragments.get(1).timestampMillis());
    }

    @Test
    void audioOnlyStreamIsAudioWebmAndEveryClusterIsAKeyframe() {
        byte[] input = stream(Ebml.info(1_000_000), OPUS_TRACK,
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 0), simpleBlock(2, 0, false, hex("AA"))),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 20), simpleBlock(2, 0, false, hex("AA"))));

        RecordingListener listener = Feeds.whole(input).listener();

        assertEquals("audio/webm; codecs=\"opus\"", listener.inits().get(0).mimeType());
        assertEquals(List.of(true, true), listener.fragments().stream().map(RecordingListener.Event::keyframe).toList());
    }

    @Test
    void timecodeScaleConvertsToMilliseconds() {
        byte[] input = stream(Ebml.info(100_000), VP8_TRACK,
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 12_345), simpleBlock(1, 10, true, hex("AA"))));

        assertEquals(1235, Feeds.whole(input).listener().fragments().get(0).timestampMillis());
    }

    @Test
    void h264WithoutAvcCTakesItsProfileFromTheFirstFramesSpsAndHoldsInitUntilThen() {
        byte[] frame = hex("00000001 6742C01F 8C8D 00000001 68CE3C80 00000001 65B8");
        byte[] input = stream(Ebml.info(1_000_000), cat(OPUS_TRACK, Ebml.track(1, Track.VIDEO, "V_MPEG4/ISO/AVC")),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 0), simpleBlock(2, 0, true, hex("AA")),
                        simpleBlock(1, 6, true, frame)),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 50), simpleBlock(1, 0, false, hex("41"))));

        Feeds.Outcome outcome = Feeds.whole(input);

        assertEquals(List.of(true, false, false), outcome.listener().events.stream().map(RecordingListener.Event::isInit).toList());
        assertEquals("video/webm; codecs=\"avc1.42C01F, opus\"", outcome.listener().events.get(0).mimeType());
        assertSameEventsInEverySplit(input);
    }

    @Test
    void garbageIsMalformed() {
        ParseException e = Feeds.whole("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()).error();
        assertTrue(e.isMalformed(), e.getMessage());
        assertTrue(Feeds.whole(hex("00 00 00 01 67")).error().isMalformed());
        assertTrue(Feeds.whole(cat(hex(SEGMENT_UNKNOWN), hex(INFO))).error().isMalformed(), "Segment without EBML header");
    }

    @Test
    void otherDocTypeIsUnsupported() {
        byte[] input = cat(Ebml.ebmlHeader("mkv3d"), hex(SEGMENT_UNKNOWN));
        ParseException e = Feeds.whole(input).error();
        assertFalse(e.isMalformed(), e.getMessage());
    }

    @Test
    void unknownCodecIsUnsupported() {
        byte[] input = stream(Ebml.info(1_000_000), Ebml.track(1, Track.VIDEO, "V_MPEGH/ISO/HEVC"),
                cat(Ebml.unknownSize(ElementId.CLUSTER), uint(ElementId.TIMECODE, 0)));
        ParseException e = Feeds.whole(input).error();
        assertFalse(e.isMalformed(), e.getMessage());
    }

    @Test
    void clusterBeforeTracksIsMalformed() {
        byte[] input = cat(hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + CLUSTER_1));
        assertTrue(Feeds.whole(input).error().isMalformed());
    }

    @Test
    void sizesOverTheLimitsFailBeforeBuffering() {
        String header = EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8;
        // a Cluster declaring 1 GiB, of which only the header arrives
        ParseException cluster = Feeds.whole(hex(header + "1F43B675 08 40000000")).error();
        assertTrue(cluster.isMalformed() && cluster.getMessage().contains("limit"), cluster.getMessage());
        // Tracks declaring 4 GiB
        ParseException tracks = Feeds.whole(hex(EBML_HEADER + SEGMENT_UNKNOWN + "1654AE6B 01 00000100000000")).error();
        assertTrue(tracks.getMessage().contains("limit"), tracks.getMessage());
        // a skipped element declaring 2^56 - 2 bytes
        ParseException skipped = Feeds.whole(hex(header + "1254C367 01FFFFFFFFFFFFFE")).error();
        assertTrue(skipped.getMessage().contains("limit"), skipped.getMessage());
        // an unknown-size Cluster that keeps growing past a 4 KiB limit
        byte[] big = cat(hex(header + "1F43B675 FF E7 81 00"), simpleBlock(1, 0, true, new byte[3000]),
                simpleBlock(1, 1, false, new byte[3000]));
        Feeds.Outcome growing = Feeds.chunked(big, new int[] {big.length}, 4096, 4096);
        assertTrue(growing.error().getMessage().contains("limit"), growing.error().getMessage());
        // the init limit
        byte[] bigInfo = stream(element(ElementId.INFO, new byte[5000]), VP8_TRACK);
        Feeds.Outcome init = Feeds.chunked(bigInfo, new int[] {bigInfo.length}, 4096, 1 << 20);
        assertTrue(init.error().getMessage().contains("limit"), init.error().getMessage());
    }

    @Test
    void truncatedInputIsMalformedAfterEmittingWhatWasComplete() {
        byte[] complete = hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8 + CLUSTER_1 + CLUSTER_2);
        // cut inside the last SimpleBlock: cluster 1 was complete (cluster 2 started), cluster 2 is not
        Feeds.Outcome midCluster = Feeds.whole(java.util.Arrays.copyOf(complete, complete.length - 1));
        assertTrue(midCluster.error().isMalformed());
        assertTrue(midCluster.error().getMessage().contains("truncated"), midCluster.error().getMessage());
        assertEquals(2, midCluster.listener().events.size(), "init and cluster 1");
        // cut inside the EBML header, and inside an element header
        for (int cut : new int[] {1, 3, 20, EBML_HEADER.replace(" ", "").length() / 2 + 5}) {
            Feeds.Outcome early = Feeds.whole(java.util.Arrays.copyOf(complete, cut));
            assertTrue(early.error().isMalformed(), "cut at " + cut);
            assertTrue(early.listener().events.isEmpty());
        }
        // cut inside a known-size Cluster
        byte[] known = stream(Ebml.info(1_000_000), VP8_TRACK,
                element(ElementId.CLUSTER, uint(ElementId.TIMECODE, 0), simpleBlock(1, 0, true, new byte[100])));
        Feeds.Outcome knownCut = Feeds.whole(java.util.Arrays.copyOf(known, known.length - 50));
        assertTrue(knownCut.error().isMalformed());
        assertEquals(1, knownCut.listener().events.size(), "only the init");
    }

    @Test
    void inputEndingAfterACompleteUnknownSizeClusterIsFine() {
        byte[] input = hex(EBML_HEADER + SEGMENT_UNKNOWN + INFO + TRACKS_VP8 + CLUSTER_1);
        Feeds.Outcome outcome = Feeds.whole(input);
        assertNull(outcome.error());
        assertFragment(outcome.listener().events.get(1), CLUSTER_1, true, 0);
        assertNull(Feeds.whole(new byte[0]).error(), "empty input");
    }

    @Test
    void afterAnErrorTheParserKeepsFailing() throws ParseException {
        WebmParser parser = new WebmParser(new RecordingListener());
        byte[] garbage = hex("00 01 02");
        assertThrows(ParseException.class, () -> parser.feed(garbage, 0, 3));
        ParseException again = assertThrows(ParseException.class, () -> parser.feed(hex(EBML_HEADER), 0, 4));
        assertTrue(again.isMalformed());
        assertThrows(ParseException.class, parser::endOfInput);
        WebmParser ended = new WebmParser(new RecordingListener());
        ended.endOfInput();
        assertThrows(IllegalStateException.class, () -> ended.feed(garbage, 0, 1));
    }

    /** EBML header (webm), unknown-size Segment, Info, Tracks, then the clusters as given. */
    static byte[] stream(byte[] info, byte[] trackEntries, byte[]... clusters) {
        return cat(Ebml.ebmlHeader("webm"), Ebml.unknownSize(ElementId.SEGMENT), info,
                element(ElementId.TRACKS, trackEntries), cat(clusters));
    }

    private static void assertFragment(RecordingListener.Event event, String clusterHex, boolean keyframe, long timestamp) {
        assertNull(event.mimeType(), "a fragment");
        assertEquals(toHex(hex(clusterHex)), toHex(event.bytes()));
        assertEquals(keyframe, event.keyframe());
        assertEquals(timestamp, event.timestampMillis());
    }

    /** Whole, one byte at a time, every two-piece split and a few random splits give the same events. */
    private static void assertSameEventsInEverySplit(byte[] input) {
        List<String> expected = Feeds.whole(input).described();
        assertEquals(expected, Feeds.oneByteAtATime(input).described(), "one byte at a time");
        for (int cut = 0; cut <= input.length; cut++) {
            assertEquals(expected, Feeds.chunked(input, new int[] {cut, input.length - cut}).described(), "cut at " + cut);
        }
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(expected, Feeds.randomSplits(input, seed).described(), "seed " + seed);
        }
    }
}
