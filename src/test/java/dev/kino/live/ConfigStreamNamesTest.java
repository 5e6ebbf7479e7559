package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kino.testing.FreePorts;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams named in config (live.streams and live.tcp) belong to the admins: no user can claim, open or rotate them. */
class ConfigStreamNamesTest {
    @TempDir
    Path dir;

    @Test
    void aUserCannotClaimAConfigStream() throws Exception {
        int port = FreePorts.loopback();
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=tcpmp4:mp4", "live.streams", "cam1=k3y-from-config-0123456789"))) {
            s.addUser("mallory", "mallory-password", false);
            String user = s.login("mallory", "mallory-password");
            for (String name : new String[] {"tcpmp4", "cam1"}) {
                assertEquals(409, s.post("/api/streams", "{\"name\":\"" + name + "\",\"public\":true}", user).statusCode(), name);
                assertEquals(404, s.post("/api/streams/" + name + "/key", "{}", user).statusCode(), name);
                assertEquals(401, RawHttp.status(s.port(), RawHttp.upgradeHead("/live/" + name + "/ws")), name + " stays private");
            }
        }
    }
}
