package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.library.MediaIds;
import dev.kino.testing.SubtitledFilm;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subtitles in real headless Chromium: a Matroska film (played remuxed) with a SubRip and an ASS stream inside and a
 * windows-1252 SubRip beside it. The menu lists them by language, the cue text shows up in {@code video.textTracks}
 * at its time with the accented letters right, the picture is not converted for it, and the language picked is
 * picked again on the next visit.
 */
class SubtitlesIT {
    @TempDir
    Path dir;

    private static final String VIDEO = "document.getElementById('player')";

    @Test
    void aMatroskaFilmPlayedAsHlsShowsItsStreamsAndTheFileBesideIt() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        SubtitledFilm.make(dir, media.resolve("Film.mkv"));
        SubtitledFilm.frenchBeside(media.resolve("Film.fr.srt"));
        check(media, "Film.mkv", "remux", List.of("Off", "French", "English", "French (forced)"), "2");
    }

    @Test
    void anMp4PlayedDirectlyShowsItsStreamAndTheFileBesideIt() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        SubtitledFilm.mp4(dir, media.resolve("Film.mp4"));
        SubtitledFilm.frenchBeside(media.resolve("Film.fr.srt"));
        check(media, "Film.mp4", "direct", List.of("Off", "French", "English"), "1");
    }

    @Test
    void vlcTakesTheSubtitleRenditionsThroughASignedLink() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        SubtitledFilm.make(dir, media.resolve("Film.mkv"));
        SubtitledFilm.frenchBeside(media.resolve("Film.fr.srt"));
        String id = MediaIds.of("Film.mkv");
        try (TestServer server = TestServer.start(media, dir.resolve("data"))) {
            String cookie = Browsers.adminWhenProbed(server);
            String signed = new JsonObject(server.post("/api/sign", "{\"path\":\"/media/" + id + "\",\"ttl\":300}", cookie).body())
                    .getString("url");
            String url = server.url("/media/" + id + "/hls/remux/main.m3u8" + signed.substring(signed.indexOf('?')));
            String vlc = Players.run(dir, Players.asUser(List.of("cvlc", "-I", "dummy", "-vv", "--vout=dummy", "--aout=dummy",
                    "--play-and-exit", "--run-time=4", "--sub-track=0", url)));
            for (int n = 0; n < 3; n++) {
                assertTrue(vlc.contains("Retrieving " + server.url("/media/" + id + "/subtitles/" + n + ".vtt?")),
                        "VLC fetched subtitle track " + n + " through the signed link:\n" + tail(vlc));
            }
            assertTrue(vlc.contains("Changing stream format Unknown -> WebVTT"), tail(vlc));
            assertTrue(vlc.contains("using spu decoder module \"webvtt\""), "VLC decodes the picked track:\n" + tail(vlc));
            assertFalse(vlc.contains("HTTP/1.1 4") || vlc.contains("main input error"), tail(vlc));
        }
    }

    private static String tail(String s) {
        return s.length() < 6000 ? s : s.substring(s.length() - 6000);
    }

    /**
     * Opens the film's player: the menu lists {@code options} and first shows {@code first} (forced, else default);
     * French (the file beside, track 0) and English (the stream, track 1) show their cues at their times; the
     * language picked, or off, is picked again on the next visit.
     */
    private void check(Path media, String film, String method, List<String> options, String first) throws Exception {
        String id = MediaIds.of(film);
        try (TestServer server = TestServer.start(media, dir.resolve("data"));
             Playwright playwright = Browsers.playwright();
             Browser browser = playwright.chromium().launch(Browsers.chromium())) {
            String cookie = Browsers.adminWhenProbed(server);
            Page page = browser.newPage();
            Browsers.logInAsAdmin(page, server);
            List<String> errors = Browsers.consoleErrors(page);
            page.navigate(server.url("/player.html?id=" + id));
            page.waitForSelector("#player-tracks:not([hidden])");
            assertEquals(options,
                    page.evaluate("() => Array.from(document.querySelectorAll('#subtitles option')).map(o => o.textContent)"));
            page.waitForFunction("() => " + VIDEO + ".dataset.method", null, new Page.WaitForFunctionOptions().setTimeout(20_000));
            assertEquals(method, page.evaluate("() => " + VIDEO + ".dataset.method"), "subtitles need no conversion of the picture");
            page.waitForFunction("() => " + VIDEO + ".readyState >= 2", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            page.evaluate("() => " + VIDEO + ".pause()");
            page.waitForFunction("n => " + VIDEO + ".textTracks.length >= n", options.size() - 1,
                    new Page.WaitForFunctionOptions().setTimeout(20_000));
            assertEquals(first, page.inputValue("#subtitles"), "with no choice made, the forced or default track shows: " + modes(page));
            assertEquals(List.of(options.get(Integer.parseInt(first) + 1)), showing(page), "and only it");

            page.selectOption("#subtitles", "0");
            assertEquals(List.of("French"), showing(page));
            assertEquals(SubtitledFilm.FRENCH_CUE, activeCueAt(page, "French", 1.5), "the windows-1252 file's accents, at 1.5 s");
            assertEquals("Ça va très bien, où êtes-vous ?", activeCueAt(page, "French", 4.0));
            assertEquals("", activeCueAt(page, "French", 3.2), "nothing between the cues");

            page.selectOption("#subtitles", "1");
            assertEquals(List.of("English"), showing(page));
            assertEquals("Hello from <i>inside</i> the file", activeCueAt(page, "English", 1.6), "the stream inside the film");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-subtitles-" + method + ".png")));
            assertEquals("Second cue", activeCueAt(page, "English", 3.5));
            assertEquals("", activeCueAt(page, "English", 0.5), "nothing before the first cue");

            page.reload();
            page.waitForSelector("#player-tracks:not([hidden])");
            page.waitForFunction("() => " + VIDEO + ".readyState >= 1", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertEquals("1", page.inputValue("#subtitles"), "English again: the language picked last");
            page.selectOption("#subtitles", "off");
            assertEquals(List.of(), showing(page));
            page.reload();
            page.waitForSelector("#player-tracks:not([hidden])");
            page.waitForFunction("() => " + VIDEO + ".readyState >= 1", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertEquals("off", page.inputValue("#subtitles"), "and off stays off");
            assertEquals(List.of(), showing(page), modes(page));
            assertEquals(List.of(), errors, "no console errors");
        }
    }

    private static String modes(Page page) {
        return String.valueOf(page.evaluate("() => Array.from(" + VIDEO + ".textTracks).map(t => t.label + '=' + t.mode).join(', ')"));
    }

    /** The labels of the text tracks showing, once they have settled. */
    @SuppressWarnings("unchecked")
    private static List<String> showing(Page page) {
        page.waitForTimeout(400);
        return (List<String>) page.evaluate("() => Array.from(" + VIDEO + ".textTracks).filter(t => t.mode === 'showing')"
                + ".map(t => t.label)");
    }

    /** Seeks the paused video to {@code t} and returns the text of the active cue of the track labelled so ("" for none). */
    private static String activeCueAt(Page page, String label, double t) {
        String track = "Array.from(" + VIDEO + ".textTracks).filter(x => x.label === label)[0]";
        page.evaluate("t => { " + VIDEO + ".currentTime = t; }", t);
        page.waitForFunction("([label, t]) => { const v = " + VIDEO + "; const tr = " + track + ";"
                + " return !v.seeking && Math.abs(v.currentTime - t) < 0.05 && tr && tr.cues && tr.cues.length > 0; }",
                List.of(label, t), new Page.WaitForFunctionOptions().setTimeout(20_000));
        // the active cues are updated on the media element's next time-update step after the seek
        page.waitForTimeout(300);
        Object text = page.evaluate("label => { const c = " + track + ".activeCues;"
                + " return c && c.length ? Array.from(c).map(x => x.text).join(' | ') : ''; }", label);
        assertTrue(text instanceof String, String.valueOf(text));
        return (String) text;
    }
}
