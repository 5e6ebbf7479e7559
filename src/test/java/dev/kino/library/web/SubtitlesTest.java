package dev.kino.library.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.SubtitledFilm;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A film with subtitle streams inside (SubRip, ASS) and files beside it (SubRip in windows-1252, ASS, one broken,
 * one a link out of the media folder), through the real server and the real ffmpeg: the list, each track as WebVTT,
 * the errors, the cache and who may read them.
 */
class SubtitlesTest {
    @TempDir
    Path dir;

    private static String at(long ms) {
        return String.format("00:00:%02d.%03d", ms / 1000, ms % 1000);
    }

    @Test
    void tracksInsideAndBesideAreListedAndServedAsWebVtt() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        SubtitledFilm.make(dir, media.resolve("Film.mkv"));
        SubtitledFilm.frenchBeside(media.resolve("Film.fr.srt"));
        Files.writeString(media.resolve("Film.de.ass"), "[Script Info]\nPlayResX: 640\nPlayResY: 360\n\n[Events]\n"
                + "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                + "Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,{\\i1}Guten Tag{\\i0}, Welt\n");
        Files.write(media.resolve("Film.es.srt"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 0, 7, 8, 9, 0, 0});
        Path outside = Files.writeString(dir.resolve("secret.srt"), "1\n00:00:01,000 --> 00:00:02,000\nsecret\n");
        Files.createSymbolicLink(media.resolve("Film.it.srt"), outside);
        String id = MediaIds.of("Film.mkv");
        try (TestServer s = TestServer.start(media, dir.resolve("data"))) {
            String cookie = s.loginAdmin();
            JsonArray[] seen = {new JsonArray()};
            Await.until(Duration.ofSeconds(20), "five tracks once the film is probed", () -> {
                seen[0] = new JsonArray(s.get("/media/" + id + "/subtitles", cookie).body());
                return seen[0].size() == 5;
            });
            JsonArray tracks = seen[0];
            List<String> labels = new ArrayList<>();
            tracks.forEach(t -> labels.add(((JsonObject) t).getString("label")));
            assertEquals(List.of("German", "Spanish", "French", "English", "French (forced)"), labels,
                    "files beside by name (not the link out of the folder), then the streams: " + tracks.encodePrettily());
            JsonObject english = tracks.getJsonObject(3);
            assertEquals("en", english.getString("language"));
            assertTrue(english.getBoolean("default"));
            assertEquals("stream", english.getString("source"));
            assertEquals("/media/" + id + "/subtitles/3.vtt", english.getString("url"));
            assertEquals("Film.fr.srt", tracks.getJsonObject(2).getString("file"));

            RawHttp.Response fr = RawHttp.get(s.port(), "/media/" + id + "/subtitles/2.vtt", cookie);
            assertEquals(200, fr.status(), fr.bodyText());
            assertEquals("text/vtt; charset=utf-8", fr.headers().get("content-type"));
            String frVtt = new String(fr.body(), StandardCharsets.UTF_8);
            assertTrue(frVtt.startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:03.000\n" + SubtitledFilm.FRENCH_CUE + "\n"), frVtt);
            assertTrue(frVtt.contains("Ça va très bien, où êtes-vous ?"), frVtt);

            String de = RawHttp.get(s.port(), "/media/" + id + "/subtitles/0.vtt", cookie).bodyText();
            assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:02.000 --> 00:00:03.000\n<i>Guten Tag</i>, Welt\n", de);

            // muxing shifted every stream by the video's first timestamp (B-frames); the cues keep the film's times
            long shift = Math.round(1000 * Double.parseDouble(Ffmpeg.output(List.of("ffprobe", "-v", "error",
                    "-select_streams", "s:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0",
                    media.resolve("Film.mkv").toString())).lines().findFirst().orElseThrow().trim())) - 1000;
            assertTrue(shift >= 0 && shift < 100, "shift " + shift);
            String en = RawHttp.get(s.port(), "/media/" + id + "/subtitles/3.vtt", cookie).bodyText();
            assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n" + at(1000 + shift) + " --> " + at(2500 + shift) + "\nHello from <i>inside</i> the file\n"
                    + "\n" + at(3000 + shift) + " --> " + at(4000 + shift) + "\nSecond cue\n", en,
                    "the embedded SubRip, taken out by ffmpeg");
            String forced = RawHttp.get(s.port(), "/media/" + id + "/subtitles/4.vtt", cookie).bodyText();
            long centis = shift / 10 * 10; // ASS times are in hundredths
            assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n" + at(1000 + centis) + " --> " + at(3000 + centis) + " line:0\nBonjour <b>en haut</b>\n",
                    forced, "the embedded ASS keeps its placement and bold");

            RawHttp.Response broken = RawHttp.get(s.port(), "/media/" + id + "/subtitles/1.vtt", cookie);
            assertEquals(422, broken.status());
            assertTrue(broken.bodyText().contains("Film.es.srt cannot be shown: its characters are in no encoding"),
                    broken.bodyText());
            assertFalse(broken.bodyText().contains("Exception"), broken.bodyText());
            assertEquals(404, RawHttp.get(s.port(), "/media/" + id + "/subtitles/5.vtt", cookie).status());
            assertEquals(404, RawHttp.get(s.port(), "/media/" + id + "/subtitles/x.vtt", cookie).status());
            assertEquals(404, RawHttp.get(s.port(), "/media/" + id + "/subtitles/..%2F..%2Fsecret.srt", cookie).status());

            try (Stream<Path> cached = Files.list(s.data().resolve("cache/subtitles"))) {
                assertEquals(4, cached.filter(p -> p.toString().endsWith(".vtt")).count(), "each converted track is cached");
            }

            String main = RawHttp.get(s.port(), "/media/" + id + "/hls/remux/main.m3u8", cookie).bodyText();
            assertTrue(main.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"French\",LANGUAGE=\"fr\",DEFAULT=NO,"
                    + "AUTOSELECT=YES,FORCED=NO,URI=\"../../subtitles/2.m3u8\"\n"), main);
            assertTrue(main.contains("NAME=\"French (forced)\",LANGUAGE=\"fr\",DEFAULT=NO,AUTOSELECT=YES,FORCED=YES,"
                    + "URI=\"../../subtitles/4.m3u8\""), main);
            assertEquals(6, main.split("#EXT-X-MEDIA:").length, "the five text tracks: " + main);
            assertTrue(main.matches("(?s).*#EXT-X-STREAM-INF:BANDWIDTH=\\d+,SUBTITLES=\"subs\"\nindex\\.m3u8\n"), main);
            RawHttp.Response subPlaylist = RawHttp.get(s.port(), "/media/" + id + "/subtitles/2.m3u8", cookie);
            assertEquals("application/vnd.apple.mpegurl", subPlaylist.headers().get("content-type"));
            assertTrue(subPlaylist.bodyText().matches("(?s)#EXTM3U\n.*#EXTINF:5\\.\\d+,\n2\\.vtt\n#EXT-X-ENDLIST\n"),
                    subPlaylist.bodyText());

            assertEquals(401, RawHttp.get(s.port(), "/media/" + id + "/subtitles/2.vtt", null).status());
            String url = new JsonObject(s.post("/api/sign", "{\"path\":\"/media/" + id + "\",\"ttl\":60}", cookie).body())
                    .getString("url");
            String query = url.substring(url.indexOf('?'));
            RawHttp.Response signedList = RawHttp.get(s.port(), "/media/" + id + "/subtitles" + query, null);
            assertEquals(200, signedList.status(), "a link to the film opens its subtitles");
            String signedUrl = new JsonArray(signedList.bodyText()).getJsonObject(2).getString("url");
            assertEquals("/media/" + id + "/subtitles/2.vtt" + query, signedUrl, "and the list's links carry the signature");
            assertEquals(200, RawHttp.get(s.port(), signedUrl, null).status());
            String signedMain = RawHttp.get(s.port(), "/media/" + id + "/hls/transcode/main.m3u8" + query, null).bodyText();
            assertTrue(signedMain.contains("URI=\"../../subtitles/2.m3u8" + query + "\"") && signedMain.contains("\nindex.m3u8" + query),
                    "a signed multivariant playlist signs what it names: " + signedMain);
            assertTrue(RawHttp.get(s.port(), "/media/" + id + "/subtitles/2.m3u8" + query, null).bodyText()
                    .contains("\n2.vtt" + query + "\n"));
            String other = MediaIds.of("Other.mkv");
            assertEquals(403, RawHttp.get(s.port(), "/media/" + other + "/subtitles/0.vtt" + query, null).status(),
                    "but not another file's");
        }
    }
}
