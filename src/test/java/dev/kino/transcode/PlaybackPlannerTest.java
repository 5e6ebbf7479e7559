package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.transcode.PlaybackPlanner.Capabilities;
import dev.kino.transcode.PlaybackPlanner.Method;
import dev.kino.transcode.PlaybackPlanner.Plan;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaybackPlannerTest {
    /** What Debian's Chromium reports (no HEVC, no AC-3). */
    static final Capabilities CHROMIUM = new Capabilities(
            Set.of("mp4", "webm", "ogg", "mp3", "wav", "flac", "m4a"), Set.of("h264", "vp8", "vp9", "av1"),
            Set.of("aac", "mp3", "opus", "vorbis", "flac"), false, true, Set.of("h264", "vp9", "av1"), Set.of("aac", "mp3", "opus", "flac"));
    /** Safari-like: native HLS with HEVC, no WebM. */
    static final Capabilities SAFARI = new Capabilities(Set.of("mp4", "mp3", "wav", "m4a"), Set.of("h264", "hevc"),
            Set.of("aac", "mp3", "ac3", "eac3"), true, true, Set.of("h264", "hevc"), Set.of("aac", "mp3", "ac3", "eac3"));
    static final Capabilities NO_HLS = new Capabilities(Set.of("mp4"), Set.of("h264"), Set.of("aac"), false, false, Set.of(), Set.of());

    static Plan plan(String file, String v, String a, Capabilities c) {
        return PlaybackPlanner.plan(PlaybackPlanner.container(file), v, a, true, c);
    }

    @Test
    void theIssuesTestMediaInChromium() {
        assertEquals(Method.DIRECT, plan("a.mp4", "h264", "aac", CHROMIUM).method());
        assertEquals(Method.REMUX, plan("a.mkv", "h264", "aac", CHROMIUM).method());
        assertEquals(Method.TRANSCODE, plan("a.avi", "mpeg4", "mp3", CHROMIUM).method());
        assertEquals(Method.REMUX, plan("a.flv", "h264", "aac", CHROMIUM).method());
        assertEquals(Method.TRANSCODE, plan("a.flv", "flv1", "mp3", CHROMIUM).method());
        assertEquals(Method.TRANSCODE, plan("a.ts", "mpeg2video", "mp2", CHROMIUM).method());
        assertEquals(Method.TRANSCODE, plan("a.mkv", "hevc", "aac", CHROMIUM).method());
        assertEquals(Method.DIRECT, plan("a.webm", "vp9", "opus", CHROMIUM).method());
        assertEquals(Method.DIRECT, plan("a.mp3", null, "mp3", CHROMIUM).method());
    }

    @Test
    void remuxCopiesAudioOnlyWhenTheSegmentsCanCarryIt() {
        Plan aac = plan("a.mkv", "h264", "aac", CHROMIUM);
        assertTrue(aac.copyAudio());
        Plan ac3 = plan("a.mkv", "h264", "ac3", CHROMIUM);
        assertEquals(Method.REMUX, ac3.method());
        assertFalse(ac3.copyAudio(), "AC-3 becomes AAC while the video is copied");
        assertTrue(ac3.reason().contains("AC-3"), ac3.reason());
        assertTrue(plan("a.mkv", "h264", null, CHROMIUM).copyAudio(), "silent video: nothing to convert");
    }

    @Test
    void directNeedsContainerAndEveryCodec() {
        assertEquals(Method.REMUX, plan("a.mp4", "h264", "ac3", CHROMIUM).method(), "MP4 with AC-3 in Chromium");
        assertEquals(Method.TRANSCODE, plan("a.mp4", "hevc", "aac", CHROMIUM).method());
        assertEquals(Method.DIRECT, plan("a.mp4", "hevc", "aac", SAFARI).method());
        assertEquals(Method.TRANSCODE, plan("a.mkv", "hevc", "eac3", SAFARI).method(), "HEVC does not go into TS segments");
        assertEquals(Method.REMUX, plan("a.mkv", "h264", "eac3", SAFARI).method());
        assertEquals(Method.TRANSCODE, plan("a.mkv", "h264", "mp3", new Capabilities(Set.of(), Set.of(), Set.of(), false, true,
                Set.of("h264"), Set.of("aac"))).method(), "MP3 would be copied, but this player cannot take it");
        assertEquals(Method.TRANSCODE, plan("a.webm", "vp9", "opus", SAFARI).method());
        assertEquals(Method.DIRECT, plan("song.m4a", null, "aac", CHROMIUM).method());
        assertEquals(Method.TRANSCODE, plan("a.wma", null, "wmav2", CHROMIUM).method());
        assertEquals(Method.DIRECT, plan("a.wav", null, "pcm_s16le", new Capabilities(Set.of("wav"), Set.of(), Set.of("pcm"),
                false, true, Set.of(), Set.of())).method());
    }

    @Test
    void unprobedFilesAndBrowsersWithoutHls() {
        assertEquals(Method.DIRECT, PlaybackPlanner.plan("mp4", null, null, false, CHROMIUM).method());
        assertEquals(Method.TRANSCODE, PlaybackPlanner.plan("mkv", null, null, false, CHROMIUM).method());
        Plan none = plan("a.mkv", "h264", "aac", NO_HLS);
        assertEquals(Method.TRANSCODE, none.method());
        assertTrue(none.reason().contains("neither HLS"), none.reason());
    }

    @Test
    void containersByName() {
        assertEquals("mp4", PlaybackPlanner.container("x.M4V"));
        assertEquals("ogg", PlaybackPlanner.container("x.opus"));
        assertEquals("mkv", PlaybackPlanner.container("Film.2020.mkv"));
        assertEquals("", PlaybackPlanner.container("README"));
    }

    @Test
    void whileASourceArrivesARemuxBecomesATranscode() {
        Plan remux = plan("a.mkv", "h264", "aac", CHROMIUM);
        Plan arriving = PlaybackPlanner.whileArriving(remux);
        assertEquals(Method.TRANSCODE, arriving.method());
        assertFalse(arriving.copyAudio());
        assertTrue(arriving.reason().contains("still downloading"), arriving.reason());
        Plan direct = plan("a.mp4", "h264", "aac", CHROMIUM);
        assertEquals(direct, PlaybackPlanner.whileArriving(direct), "direct play reads what it needs as it arrives");
        Plan transcode = plan("a.avi", "mpeg4", "mp3", CHROMIUM);
        assertEquals(transcode, PlaybackPlanner.whileArriving(transcode));
    }
}
