package dev.kino.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kino sign} signs only with the server's own key, and only what that server can serve. */
class SignCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run sign(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KinoCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        // only what the command prints: the in-process server's log, on System.out in tests, stays out of it
        String[] all = new String[args.length + 1];
        all[0] = "sign";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void refusesADataDirWithoutTheServersKeyAndCreatesNone() {
        Path empty = dir.resolve("not-the-server");
        Run r = sign("/media/" + MediaIds.of("a.mp4"), "--data", empty.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("no Kino server data in") && r.err().contains("--data"), r.err());
        assertFalse(Files.exists(empty.resolve("secret.key")), "no new key is made");
    }

    @Test
    void signsOnlyPathsTheServerHas() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mp4"), "content of a");
        try (TestServer s = TestServer.start(media, dir.resolve("data"))) {
            String data = s.data().toString();
            Run ok = sign("/media/" + MediaIds.of("a.mp4"), "--data", data, "--base-url", "http://127.0.0.1:" + s.port());
            assertEquals(0, ok.exit(), ok.err());
            String url = ok.out().trim();
            assertEquals(200, RawHttp.get(s.port(), url.substring(url.indexOf("/media/")), null).status(), "the link works: " + url);

            Run missing = sign("/media/" + MediaIds.of("nope.mp4"), "--data", data);
            assertEquals(2, missing.exit());
            assertTrue(missing.err().contains("no file with id"), missing.err());
            Run torrent = sign("/torrents/" + "a".repeat(40), "--data", data);
            assertEquals(2, torrent.exit());
            assertTrue(torrent.err().contains("no torrent"), torrent.err());
            Run stream = sign("/live/nobody", "--data", data);
            assertEquals(2, stream.exit());
            Run bad = sign("/media/../etc/passwd", "--data", data);
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("PATH must be"), bad.err());
        }
    }
}
