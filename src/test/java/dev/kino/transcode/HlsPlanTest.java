package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Segment plans, playlists and keyframe lists: the pure parts of HLS. */
class HlsPlanTest {
    @Test
    void fixedPlanCoversTheWholeDuration() {
        SegmentPlan p = SegmentPlan.fixed(10.5, 4);
        assertEquals(List.of(0.0, 4.0, 8.0, 10.5), p.bounds());
        assertEquals(3, p.count());
        assertEquals(2.5, p.duration(2), 1e-9);
        assertEquals(List.of(0.0, 4.0, 8.02), SegmentPlan.fixed(8.02, 4).bounds(), "a 20 ms tail joins the last segment");
        assertEquals(List.of(0.0, 3.0), SegmentPlan.fixed(3, 4).bounds());
    }

    @Test
    void keyframePlanCutsAtTheFirstKeyframeAfterTheTarget() {
        List<SegmentPlan.Keyframe> keys = keys(0.021, 2.0, 4.5, 5.0, 9.0, 10.0, 14.8);
        SegmentPlan p = SegmentPlan.atKeyframes(keys, 15, 4);
        assertEquals(List.of(0.0, 4.5, 9.0, 15.0), p.bounds(), "14.8 would leave a 0.2 s segment: it joins the last one");
        assertEquals(List.of(0.0, 4.433, 8.933, 15.0), p.decodeBounds(), "decode times of those keyframes");
        assertEquals(8.933, p.decodeEnd(1), 1e-9);
        assertEquals(List.of(0.0, 20.0), SegmentPlan.atKeyframes(keys(0.0), 20, 4).bounds(), "one keyframe: one segment");
        assertEquals(List.of(0.0, 4.0, 9.0), SegmentPlan.atKeyframes(keys(0.0, 4.0, 8.8), 9.0, 4).bounds(),
                "no segment shorter than half a second at the end");
        assertThrows(IllegalArgumentException.class, () -> new SegmentPlan(List.of(0.0)));
    }

    /** Keyframes whose decode time is two frames (at 30 fps) before their presentation time, as with B-frames. */
    private static List<SegmentPlan.Keyframe> keys(double... pts) {
        return java.util.Arrays.stream(pts).mapToObj(t -> new SegmentPlan.Keyframe(t, Math.round((t - 0.067) * 1000) / 1000.0)).toList();
    }

    private static List<SegmentPlan.Keyframe> round(List<SegmentPlan.Keyframe> ks) {
        return ks.stream().map(k -> new SegmentPlan.Keyframe(Math.round(k.pts() * 1e6) / 1e6, Math.round(k.dts() * 1e6) / 1e6)).toList();
    }

    @Test
    void playlistIsAVodPlaylistWithEverySegment() {
        String m3u8 = HlsPlaylist.write(SegmentPlan.fixed(10.5, 4), "?expires=5&sig=abc");
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:0
                #EXTINF:4.000000,
                0.ts?expires=5&sig=abc
                #EXTINF:4.000000,
                1.ts?expires=5&sig=abc
                #EXTINF:2.500000,
                2.ts?expires=5&sig=abc
                #EXT-X-ENDLIST
                """, m3u8);
        assertTrue(HlsPlaylist.write(SegmentPlan.atKeyframes(keys(0.0, 4.4), 9, 4), "").contains("#EXT-X-TARGETDURATION:5\n"),
                "the target duration is the longest segment rounded up");
    }

    @Test
    void keyframesFromFfprobePackets() {
        String csv = "1.021000,0.954000,K__\n1.061000,0.988000,___\n3.021000,2.954000,K_\nN/A,N/A,K__\n5.021000,N/A,K__\n\ngarbage\n1.000000\n";
        assertEquals(List.of(new SegmentPlan.Keyframe(0.021, -0.046), new SegmentPlan.Keyframe(2.021, 1.954),
                new SegmentPlan.Keyframe(4.021, 4.021)), round(HlsService.parseKeyframes(csv)), "relative to the start time");
    }
}
