package dev.kino.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The playlists that carry subtitles to HLS players, and WebVTT files passed through. */
class HlsSubtitlesTest {
    @Test
    void aMultivariantPlaylistWithSubtitleRenditions() {
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:4
                #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English 'SDH'",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../../subtitles/0.m3u8?a=1"
                #EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Unknown language",DEFAULT=NO,AUTOSELECT=YES,FORCED=YES,URI="../../subtitles/1.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=5000000,SUBTITLES="subs"
                index.m3u8?a=1
                """, HlsSubtitles.multivariant(List.of(
                new HlsSubtitles.Rendition("English \"SDH\"", "en", false, "../../subtitles/0.m3u8?a=1"),
                new HlsSubtitles.Rendition("Unknown language", null, true, "../../subtitles/1.m3u8")), "index.m3u8?a=1", 5_000_000));
        assertEquals("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-STREAM-INF:BANDWIDTH=1\nindex.m3u8\n",
                HlsSubtitles.multivariant(List.of(), "index.m3u8", 0), "no subtitles: the video alone");
    }

    @Test
    void aSubtitlePlaylistIsOneSegmentAsLongAsTheFilm() {
        assertEquals("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:5401\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:5400.250000,\n3.vtt\n#EXT-X-ENDLIST\n", HlsSubtitles.mediaPlaylist(5400.25, "3.vtt"));
    }

    @Test
    void webVttFilesKeepTheirTextAndGetTheTimestampMap() throws Exception {
        assertEquals("WEBVTT - a title\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:01.000 --> 00:02.000\nhi\n",
                WebVtt.normalize("\uFEFFWEBVTT - a title\r\n\r\n00:01.000 --> 00:02.000\r\nhi"));
        String mapped = "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n00:01.000 --> 00:02.000\nhi\n";
        assertEquals(mapped, WebVtt.normalize(mapped), "a map of its own is kept");
        assertThrows(SubtitleFormatException.class, () -> WebVtt.normalize("1\n00:00:01,000 --> 00:00:02,000\nSRT really\n"));
        assertThrows(SubtitleFormatException.class, () -> WebVtt.normalize("WEBVTTX\n"));
    }

    @Test
    void labelsAreMadeUnique() {
        SubtitleTrack en = new SubtitleTrack(false, null, 2, "subrip", "en", null, false, false, false);
        SubtitleTrack fr = new SubtitleTrack(false, null, 3, "subrip", "fr", null, false, false, false);
        assertEquals(List.of("English", "French", "English 2", "English 3"), SubtitleTrack.labels(List.of(en, fr, en, en)));
    }
}
