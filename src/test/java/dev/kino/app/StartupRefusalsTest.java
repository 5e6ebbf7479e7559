package dev.kino.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts that cannot work say why in one line a user can act on, and leave nothing behind. */
class StartupRefusalsTest {
    @TempDir
    Path dir;

    @Test
    void aSecondServerOnTheSameDataDirIsRefused() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        try (TestServer first = TestServer.start(media, dir.resolve("data"))) {
            StartupException e = assertThrows(StartupException.class, () -> TestServer.start(media, dir.resolve("data")));
            assertTrue(e.getMessage().startsWith("another Kino server is using the data dir "), e.getMessage());
            assertTrue(e.getMessage().contains("(pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
            assertEquals(200, first.get("/healthz", null).statusCode(), "the first one serves on");
        }
        try (TestServer again = TestServer.start(media, dir.resolve("data"))) {
            assertEquals(200, again.get("/healthz", null).statusCode(), "once the first has stopped, the data dir is free");
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        int port = FreePorts.loopback();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            StartupException e = assertThrows(StartupException.class, () -> TestServer.start(Files.createDirectories(dir.resolve("m")),
                    dir.resolve("d"), Map.of("port", String.valueOf(port))));
            assertTrue(e.getMessage().startsWith("port " + port + " on 127.0.0.1 is already in use"), e.getMessage());
        }
        try (TestServer s = TestServer.start(dir.resolve("m"), dir.resolve("d"))) {
            assertEquals(200, s.get("/healthz", null).statusCode(), "the failed start released the data dir");
        }
    }
}
