package dev.kino.container.mp4;

import static dev.kino.container.mp4.Mp4Bytes.audioEntry;
import static dev.kino.container.mp4.Mp4Bytes.avcC;
import static dev.kino.container.mp4.Mp4Bytes.box;
import static dev.kino.container.mp4.Mp4Bytes.cat;
import static dev.kino.container.mp4.Mp4Bytes.esds;
import static dev.kino.container.mp4.Mp4Bytes.ftyp;
import static dev.kino.container.mp4.Mp4Bytes.fullBox;
import static dev.kino.container.mp4.Mp4Bytes.trak;
import static dev.kino.container.mp4.Mp4Bytes.trex;
import static dev.kino.container.mp4.Mp4Bytes.u32;
import static dev.kino.container.mp4.Mp4Bytes.u64;
import static dev.kino.container.mp4.Mp4Bytes.u8;
import static dev.kino.container.mp4.Mp4Bytes.visualEntry;
import static dev.kino.container.mp4.Mp4Bytes.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.RecordingListener.Event;
import dev.kino.testing.Allocation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-built streams → expected events. */
class Fmp4ParserTest {
    private static final int KEY = 0x02000000; // sample_depends_on = 2
    private static final int NON_KEY = 0x01010000; // depends_on = 1, is_non_sync_sample
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    private static final String AVC_MIME = "video/mp4; codecs=\"avc1.64001F\"";

    /** ftyp + moov: one H.264 track (id 1, 90 kHz), trex defaults: 3000 ticks, {@code trexFlags}. */
    static byte[] videoInit(int trexFlags) {
        byte[] trak = trak(1, "vide", 90_000, visualEntry("avc1", avcC(0x64, 0x00, 0x1F)));
        return cat(ftyp(), box("moov", fullBox("mvhd", 0, 0, zeros(96)), trak, box("mvex", trex(1, 3000, trexFlags))));
    }

    /** A moof with one traf: tfhd (default-base-is-moof), tfdt (version 1) and a trun of two samples. */
    static byte[] moof(int sequence, int trackId, long decodeTime, byte[] trun) {
        byte[] tfhd = fullBox("tfhd", 0, DEFAULT_BASE_IS_MOOF, u32(trackId));
        byte[] traf = box("traf", tfhd, fullBox("tfdt", 1, 0, u64(decodeTime)), trun);
        return box("moof", fullBox("mfhd", 0, 0, u32(sequence)), traf);
    }

    /** A trun of two samples with a data offset and first-sample-flags. */
    static byte[] trunFirstFlags(int firstSampleFlags) {
        return fullBox("trun", 0, 0x000005, u32(2), u32(0), u32(firstSampleFlags));
    }

    static byte[] mdat(int n) {
        byte[] payload = new byte[n];
        for (int i = 0; i < n; i++) {
            payload[i] = (byte) (i * 7);
        }
        return box("mdat", payload);
    }

    @Test
    void aBoxHeaderThatDeclaresAHugeMdatAllocatesOnlyAsItsBytesArrive() throws ParseException {
        // a publisher that announces a 60 MiB mdat and sends 8 bytes of it must not make the server hold 60 MiB
        byte[] moof = moof(1, 1, 0, trunFirstFlags(KEY));
        byte[] mdatHeader = {0x03, (byte) 0xC0, 0, 0, 'm', 'd', 'a', 't', 1, 2, 3, 4, 5, 6, 7, 8}; // 60 MiB declared
        Fmp4Parser p = new Fmp4Parser(new RecordingListener());
        byte[] init = videoInit(0);
        p.feed(init, 0, init.length);
        p.feed(moof, 0, moof.length);
        long before = Allocation.ofThisThread();
        p.feed(mdatHeader, 0, mdatHeader.length);
        long allocated = Allocation.ofThisThread() - before;
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for 8 bytes of a declared 60 MiB mdat");
    }

    @Test
    void initThenKeyAndNonKeyFragments() throws ParseException {
        byte[] init = videoInit(0);
        byte[] f1 = cat(moof(1, 1, 0, trunFirstFlags(KEY)), mdat(100));
        byte[] f2 = cat(moof(2, 1, 180_000, trunFirstFlags(NON_KEY)), mdat(50));
        byte[] stream = cat(init, f1, f2);
        List<Event> expected = List.of(new Event(init, AVC_MIME, false, 0), new Event(f1, null, true, 0),
                new Event(f2, null, false, 2000));
        assertEquals(expected, RecordingListener.whole(stream));
        assertEquals(expected, RecordingListener.byteByByte(stream));
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(expected, RecordingListener.randomSplits(stream, seed, 40));
        }
    }

    /** The first sample's flags come from trun first-sample-flags, its own flags, tfhd defaults, trex: in that order. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "first-sample-flags over per-sample flags, true",
        "per-sample flags over tfhd default, false",
        "tfhd default over trex, true",
        "trex default, false",
    })
    void keyframePrecedence(String source, boolean expectedKey) throws ParseException {
        int tfhdFlags = DEFAULT_BASE_IS_MOOF;
        byte[] tfhdDefaults = new byte[0];
        byte[] trun;
        int trexFlags = NON_KEY;
        switch (source.substring(0, source.indexOf(' '))) {
            case "first-sample-flags" -> trun = fullBox("trun", 0, 0x000404, u32(1), u32(KEY), u32(NON_KEY));
            case "per-sample" -> {
                tfhdFlags |= 0x20;
                tfhdDefaults = u32(KEY);
                trun = fullBox("trun", 0, 0x000400, u32(2), u32(NON_KEY), u32(KEY));
            }
            case "tfhd" -> {
                tfhdFlags |= 0x20;
                tfhdDefaults = u32(KEY);
                trun = fullBox("trun", 0, 0, u32(3));
            }
            default -> {
                trexFlags = NON_KEY;
                trun = fullBox("trun", 0, 0, u32(3));
            }
        }
        byte[] tfhd = fullBox("tfhd", 0, tfhdFlags, u32(1), tfhdDefaults);
        byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), box("traf", tfhd, fullBox("tfdt", 0, 0, u32(9000)), trun));
        List<Event> events = RecordingListener.whole(cat(videoInit(trexFlags), moof, mdat(10)));
        assertEquals(expectedKey, events.get(1).keyframe());
        assertEquals(100, events.get(1).millis());
    }

    @Test
    void sampleDependsOnTwoIsAKeyframeEvenIfMarkedNonSync() throws ParseException {
        byte[] stream = cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(0x02010000)), mdat(10));
        assertTrue(RecordingListener.whole(stream).get(1).keyframe());
    }

    @Test
    void stypSidxAndBoxesBeforeMdatBelongToTheFragmentWhileFreeBoxesBetweenFragmentsAreSkipped() throws ParseException {
        byte[] styp = box("styp", Mp4Bytes.ascii("msdh"), u32(0), Mp4Bytes.ascii("msdhmsix"));
        byte[] sidx = fullBox("sidx", 0, 0, u32(1), u32(90_000), u32(0), u32(0), u32(0));
        byte[] free = box("free", zeros(20));
        byte[] fragment = cat(styp, sidx, moof(1, 1, 0, trunFirstFlags(KEY)), box("free"), mdat(30));
        byte[] init = videoInit(0);
        List<Event> events = RecordingListener.whole(cat(init, free, fragment, box("skip", zeros(3)), box("mfra", zeros(8))));
        assertEquals(List.of(new Event(init, AVC_MIME, false, 0), new Event(fragment, null, true, 0)), events);
    }

    @Test
    void audioOnlyStreamIsAudioMp4AndEveryFragmentIsAKeyframe() throws ParseException {
        byte[] trak = trak(1, "soun", 48_000, audioEntry("mp4a", esds(0x40, 0x11, 0x90)));
        byte[] init = cat(ftyp(), box("moov", trak, box("mvex", trex(1, 1024, NON_KEY))));
        byte[] f1 = cat(moof(1, 1, 96_000, fullBox("trun", 0, 0x000001, u32(4), u32(0))), mdat(40));
        List<Event> events = RecordingListener.whole(cat(init, f1));
        assertEquals(List.of(new Event(init, "audio/mp4; codecs=\"mp4a.40.2\"", false, 0), new Event(f1, null, true, 2000)), events);
    }

    @Test
    void videoAndAudioTracksGiveVideoFirstAndVideoDecidesTheFragment() throws ParseException {
        byte[] audio = trak(1, "soun", 48_000, audioEntry("mp4a", esds(0x40, 0x11, 0x90)));
        byte[] video = trak(2, "vide", 12_800, visualEntry("avc1", avcC(0x42, 0xC0, 0x1E)));
        byte[] text = trak(3, "text", 1000, box("tx3g", zeros(8)));
        byte[] mvex = box("mvex", trex(1, 1024, 0), trex(2, 512, NON_KEY), trex(3, 1, 0));
        byte[] init = cat(ftyp(), box("moov", audio, video, text, mvex));
        byte[] audioTraf = box("traf", fullBox("tfhd", 0, DEFAULT_BASE_IS_MOOF, u32(1)), fullBox("tfdt", 0, 0, u32(480_000)),
                fullBox("trun", 0, 0, u32(5)));
        byte[] videoTraf = box("traf", fullBox("tfhd", 0, DEFAULT_BASE_IS_MOOF, u32(2)), fullBox("tfdt", 0, 0, u32(128_000)),
                fullBox("trun", 0, 0, u32(5)));
        byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), audioTraf, videoTraf);
        List<Event> events = RecordingListener.whole(cat(init, moof, mdat(10)));
        assertEquals("video/mp4; codecs=\"avc1.42C01E, mp4a.40.2\"", events.get(0).mime());
        assertFalse(events.get(1).keyframe());
        assertEquals(10_000, events.get(1).millis());
    }

    @Test
    void withoutTfdtTheTimeContinuesFromTheDurations() throws ParseException {
        byte[] tfhd = fullBox("tfhd", 0, DEFAULT_BASE_IS_MOOF | 0x08, u32(1), u32(4500)); // 50 ms per sample
        byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), box("traf", tfhd, trunFirstFlags(KEY)));
        byte[] withDurations = box("moof", fullBox("mfhd", 0, 0, u32(2)), box("traf", fullBox("tfhd", 0, DEFAULT_BASE_IS_MOOF, u32(1)),
                fullBox("trun", 0, 0x000100, u32(2), u32(9000), u32(9000))));
        List<Event> events = RecordingListener.whole(cat(videoInit(0), moof, mdat(4), moof, mdat(4), withDurations, mdat(4),
                moof, mdat(4)));
        assertEquals(List.of(0L, 100L, 200L, 400L), events.stream().skip(1).map(Event::millis).toList());
    }

    @Test
    void aSecondFtypAndMoovReinitialise() throws ParseException {
        byte[] f1 = cat(moof(1, 1, 0, trunFirstFlags(KEY)), mdat(8));
        byte[] init2 = cat(ftyp(), box("moov", trak(1, "vide", 1000, visualEntry("hvc1", hvcCMain())),
                box("mvex", trex(1, 40, 0))));
        byte[] f2 = cat(moof(1, 1, 1500, trunFirstFlags(KEY)), mdat(8));
        List<Event> events = RecordingListener.whole(cat(videoInit(0), f1, init2, f2));
        assertEquals(4, events.size());
        assertEquals(new Event(init2, "video/mp4; codecs=\"hvc1.1.6.L93.B0\"", false, 0), events.get(2));
        assertEquals(1500, events.get(3).millis());
    }

    static byte[] hvcCMain() {
        return box("hvcC", u8(1, 0x01, 0x60, 0, 0, 0, 0xB0, 0, 0, 0, 0, 0, 93), zeros(10));
    }

    @Test
    void moovWithoutFtypIsAnInitSegmentToo() throws ParseException {
        byte[] init = videoInit(0);
        byte[] moov = java.util.Arrays.copyOfRange(init, ftyp().length, init.length);
        assertArrayEquals(moov, RecordingListener.whole(moov).getFirst().bytes());
    }

    @Test
    void largesizeHeadersAreRead() throws ParseException {
        byte[] payload = mdat(20);
        byte[] large = cat(u32(1), Mp4Bytes.ascii("mdat"), u64(16 + 12), java.util.Arrays.copyOfRange(payload, 8, 20));
        byte[] fragment = cat(moof(1, 1, 0, trunFirstFlags(KEY)), large);
        List<Event> events = RecordingListener.byteByByte(cat(videoInit(0), fragment));
        assertArrayEquals(fragment, events.get(1).bytes());
    }

    @Test
    void truncatedInputEmitsWhatIsCompleteThenFails() {
        byte[] stream = cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(KEY)), mdat(100));
        for (int cut : new int[] {3, videoInit(0).length + 5, stream.length - 1}) {
            RecordingListener l = new RecordingListener();
            Fmp4Parser p = new Fmp4Parser(l);
            ParseException e = assertThrows(ParseException.class, () -> {
                p.feed(stream, 0, cut);
                p.endOfInput();
            });
            assertTrue(e.isMalformed());
            assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
            assertEquals(cut > 100 ? 1 : 0, l.events.size());
        }
    }

    @Test
    void aMoofWithoutItsMdatOrAnFtypAloneIsTruncated() throws ParseException {
        ParseException e = assertThrows(ParseException.class, () -> RecordingListener.whole(cat(videoInit(0),
                moof(1, 1, 0, trunFirstFlags(KEY)))));
        assertTrue(e.getMessage().contains("without its mdat"), e.getMessage());
        assertThrows(ParseException.class, () -> RecordingListener.whole(ftyp()));
        assertEquals(0, RecordingListener.whole(new byte[0]).size());
    }

    @Test
    void garbageIsMalformed() {
        assertMalformed(Mp4Bytes.ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "");
        assertMalformed(cat(u32(16), u8(0x1A, 0x45, 0xDF, 0xA3), zeros(8)), "not a box type"); // EBML magic as a type
        assertMalformed(cat(u32(4), Mp4Bytes.ascii("ftyp")), "size 4 < 8");
        assertMalformed(cat(u32(1), Mp4Bytes.ascii("ftyp"), u64(12)), "largesize 12");
    }

    @Test
    void sizesAreCheckedBeforeAllocatingFromTheHeaderAlone() {
        // Only the header is fed: the size decides, no payload (and no 2 GiB array) is needed.
        assertMalformed(cat(u32(0x8000_0000L), Mp4Bytes.ascii("moov")), "larger than the 4194304 bytes allowed");
        assertMalformed(cat(u32(1), Mp4Bytes.ascii("free"), u64(1L << 40)), "larger than the 67108864 bytes allowed");
        assertMalformed(cat(u32(1), Mp4Bytes.ascii("moov"), u64(Long.MIN_VALUE)), "2^63");
        byte[] hugeMdat = cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(KEY)), u32(0xFFFF_FFF0L), Mp4Bytes.ascii("mdat"));
        assertMalformed(hugeMdat, "makes the fragment larger");
    }

    @Test
    void limitsAreConfigurable() throws ParseException {
        byte[] stream = cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(KEY)), mdat(2000));
        Fmp4Parser small = new Fmp4Parser(new RecordingListener(), new Fmp4Limits(4096, 1024));
        ParseException e = assertThrows(ParseException.class, () -> small.feed(stream, 0, stream.length));
        assertTrue(e.getMessage().contains("1024 bytes allowed"), e.getMessage());
        Fmp4Parser tightInit = new Fmp4Parser(new RecordingListener(), new Fmp4Limits(videoInit(0).length - 1, 1 << 20));
        assertThrows(ParseException.class, () -> tightInit.feed(stream, 0, stream.length));
        Fmp4Parser exact = new Fmp4Parser(new RecordingListener(), new Fmp4Limits(videoInit(0).length, stream.length - videoInit(0).length));
        exact.feed(stream, 0, stream.length);
        exact.endOfInput();
    }

    @Test
    void sizeZeroIsUnsupportedOnALiveStream() {
        ParseException e = assertThrows(ParseException.class, () -> RecordingListener.whole(cat(videoInit(0),
                moof(1, 1, 0, trunFirstFlags(KEY)), u32(0), Mp4Bytes.ascii("mdat"), zeros(10))));
        assertFalse(e.isMalformed());
    }

    @Test
    void outOfOrderBoxesAreMalformed() {
        assertMalformed(cat(moof(1, 1, 0, trunFirstFlags(KEY)), mdat(4)), "moof before moov");
        assertMalformed(cat(videoInit(0), mdat(4)), "mdat without moof");
        assertMalformed(cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(KEY)), moof(2, 1, 0, trunFirstFlags(KEY))), "moof without mdat");
        assertMalformed(cat(videoInit(0), moof(1, 1, 0, trunFirstFlags(KEY)), ftyp()), "inside a fragment");
    }

    @Test
    void nonFragmentedOrAbsoluteOffsetStreamsAreUnsupported() {
        byte[] plain = cat(ftyp(), box("moov", trak(1, "vide", 90_000, visualEntry("avc1", avcC(0x64, 0, 0x1F)))));
        ParseException e = assertThrows(ParseException.class, () -> RecordingListener.whole(plain));
        assertFalse(e.isMalformed());
        assertTrue(e.getMessage().contains("mvex"), e.getMessage());
        byte[] tfhd = fullBox("tfhd", 0, 0x01, u32(1), u64(1234));
        byte[] moof = box("moof", fullBox("mfhd", 0, 0, u32(1)), box("traf", tfhd, trunFirstFlags(KEY)));
        e = assertThrows(ParseException.class, () -> RecordingListener.whole(cat(videoInit(0), moof, mdat(4))));
        assertFalse(e.isMalformed());
        assertTrue(e.getMessage().contains("default_base_moof"), e.getMessage());
    }

    @Test
    void unknownCodecsAndEncryptedTracksAreUnsupported() {
        byte[] mp4v = cat(ftyp(), box("moov", trak(1, "vide", 90_000, visualEntry("mp4v", box("esds"))), box("mvex", trex(1, 0, 0))));
        assertFalse(assertThrows(ParseException.class, () -> RecordingListener.whole(mp4v)).isMalformed());
        byte[] encv = cat(ftyp(), box("moov", trak(1, "vide", 90_000, visualEntry("encv", box("sinf"))), box("mvex", trex(1, 0, 0))));
        assertTrue(assertThrows(ParseException.class, () -> RecordingListener.whole(encv)).getMessage().contains("encrypted"));
    }

    @Test
    void brokenInnerBoxesAreMalformed() {
        byte[] badTrun = fullBox("trun", 0, 0x000F00, u32(1_000_000), u32(0)); // a million samples in 4 bytes
        assertMalformed(cat(videoInit(0), moof(1, 1, 0, badTrun), mdat(4)), "past its end");
        byte[] overrun = cat(ftyp(), u32(16), Mp4Bytes.ascii("moov"), u32(100), Mp4Bytes.ascii("trak"));
        assertMalformed(overrun, "overruns its parent");
        byte[] noTkhd = cat(ftyp(), box("moov", box("trak", box("mdia")), box("mvex")));
        assertMalformed(noTkhd, "has no 'hdlr'");
    }

    @Test
    void afterAFailureEveryCallFails() {
        Fmp4Parser p = new Fmp4Parser(new RecordingListener());
        byte[] garbage = zeros(8);
        assertThrows(ParseException.class, () -> p.feed(garbage, 0, 8));
        byte[] init = videoInit(0);
        ParseException e = assertThrows(ParseException.class, () -> p.feed(init, 0, init.length));
        assertTrue(e.getMessage().startsWith("failed earlier"), e.getMessage());
        assertThrows(ParseException.class, p::endOfInput);
    }

    private static void assertMalformed(byte[] stream, String messagePart) {
        RecordingListener l = new RecordingListener();
        Fmp4Parser p = new Fmp4Parser(l);
        ParseException e = assertThrows(ParseException.class, () -> {
            p.feed(stream, 0, stream.length);
            p.endOfInput();
        });
        assertTrue(e.isMalformed(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), () -> "'" + e.getMessage() + "' lacks '" + messagePart + "'");
    }
}
