package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Poster frames made by ffmpeg on first request, cached in the data dir, served like media. */
class PosterTest {
    @TempDir
    Path dir;

    @Test
    void aClientGoneBeforeItsPosterIsMadeLeavesNoErrorBehind() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("film.mp4"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        TestServer s = TestServer.start(media, dir.resolve("data"));
        try {
            String cookie = s.loginAdmin();
            try (Socket socket = new Socket("127.0.0.1", s.port())) {
                socket.getOutputStream().write(("GET /media/" + MediaIds.of("film.mp4") + "/poster.jpg HTTP/1.1\r\nHost: x\r\n"
                        + "Cookie: " + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } // closed while ffmpeg makes the poster
            Await.until(Duration.ofSeconds(20), "the poster is made", () -> {
                try (Stream<Path> cached = Files.list(dir.resolve("data/cache/posters"))) {
                    return cached.anyMatch(p -> p.toString().endsWith(".jpg"));
                } catch (java.nio.file.NoSuchFileException e) {
                    return false;
                }
            });
            Thread.sleep(500);
            assertEquals(200, RawHttp.get(s.port(), "/media/" + MediaIds.of("film.mp4") + "/poster.jpg", cookie).status());
        } finally {
            root.detachAppender(logged); // before the server stops: this is about the request, not the shutdown
            s.close();
        }
        assertEquals(List.of(), logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .toList());
    }

    @Test
    void postersAreMadeCachedAndRenewedWhenTheFileChanges() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("film.mp4"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Ffmpeg.audio(media.resolve("song.mp3"), 2, "-c:a", "libmp3lame");
        Files.write(media.resolve("broken.mkv"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (TestServer s = TestServer.start(media, dir.resolve("data"))) {
            String cookie = s.loginAdmin();
            String film = "/media/" + MediaIds.of("film.mp4") + "/poster.jpg";
            RawHttp.Response r = RawHttp.get(s.port(), film, cookie);
            assertEquals(200, r.status(), r.bodyText());
            assertEquals("image/jpeg", r.headers().get("content-type"));
            assertEquals(0xFF, r.body()[0] & 0xFF);
            assertEquals(0xD8, r.body()[1] & 0xFF);
            String etag = r.headers().get("etag");
            Path jpeg = Files.write(dir.resolve("poster.jpg"), r.body());
            assertEquals("480", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-show_entries", "stream=width", "-of", "csv=p=0",
                    jpeg.toString())).trim(), "480 pixels wide");
            try (Stream<Path> cached = Files.list(dir.resolve("data/cache/posters"))) {
                assertEquals(1, cached.filter(p -> p.toString().endsWith(".jpg")).count(), "one poster in the cache");
            }
            RawHttp.Response again = RawHttp.send(s.port(), "GET " + film + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie
                    + "\r\nIf-None-Match: " + etag + "\r\nConnection: close\r\n\r\n");
            assertEquals(304, again.status());

            assertEquals(404, RawHttp.get(s.port(), "/media/" + MediaIds.of("song.mp3") + "/poster.jpg", cookie).status());
            assertEquals(404, RawHttp.get(s.port(), "/media/" + MediaIds.of("broken.mkv") + "/poster.jpg", cookie).status());
            assertEquals(401, RawHttp.get(s.port(), film, null).status());
            String url = new JsonObject(s.post("/api/sign", "{\"path\":\"/media/" + MediaIds.of("film.mp4") + "\",\"ttl\":60}", cookie).body())
                    .getString("url");
            assertEquals(200, RawHttp.get(s.port(), film + url.substring(url.indexOf('?')), null).status(),
                    "a link to the file also shows its poster");

            Ffmpeg.make(media.resolve("film.mp4"), 4, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
            String newEtag = etag;
            for (int i = 0; i < 50 && newEtag.equals(etag); i++) {
                Thread.sleep(200);
                s.get("/api/library", cookie);
                newEtag = RawHttp.get(s.port(), film, cookie).headers().get("etag");
            }
            assertNotEquals(etag, newEtag, "a changed file gets a new poster");
        }
    }
}
