package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.FreePorts;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Public streams are open to all; private ones need a session or a signed link; TCP ingest obeys its allow-list. */
class LiveAccessTest {
    private static final String CONFIG_KEY = "k3y-from-config-0123456789";

    @TempDir
    Path dir;

    @Test
    void publicAndPrivateStreams() throws Exception {
        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.streams", "open1=" + CONFIG_KEY + ":public,shut1=" + CONFIG_KEY))) {
            String cookie = server.loginAdmin();
            assertEquals(201, server.post("/api/streams", "{\"name\":\"open2\",\"public\":true}", cookie).statusCode());
            assertEquals(201, server.post("/api/streams", "{\"name\":\"shut2\"}", cookie).statusCode());
            assertEquals(409, server.post("/api/streams", "{\"name\":\"open1\"}", cookie).statusCode(),
                    "a name declared in config is taken");

            for (String open : List.of("open1", "open2")) {
                assertEquals(101, upgrade(client, server, "/live/" + open + "/ws", null), open + " is public");
            }
            for (String shut : List.of("shut1", "shut2")) {
                assertEquals(401, upgrade(client, server, "/live/" + shut + "/ws", null), shut + " is private");
                assertEquals(101, upgrade(client, server, "/live/" + shut + "/ws", cookie), shut + " opens to a session");
                assertEquals(401, server.get("/live/" + shut + ".webm", null).statusCode());
            }
            assertEquals(401, upgrade(client, server, "/live/undeclared/ws", null), "streams nobody declared are private");
            assertEquals("websocket / none", upgradeOfferingDeflate(client, server, "/live/open1/ws"),
                    "a browser's offer of permessage-deflate is declined: video does not compress, deflating costs CPU per viewer");

            JsonObject signed = new JsonObject(server.post("/api/sign", "{\"path\":\"/live/shut2\",\"ttl\":60}", cookie).body());
            String query = signed.getString("url").substring(signed.getString("url").indexOf('?'));
            assertEquals(101, upgrade(client, server, "/live/shut2/ws" + query, null), "a signed link opens the WebSocket");
            assertEquals(403, upgrade(client, server, "/live/shut1/ws" + query, null), "but only for its own stream");

            JsonArray anonymous = new JsonArray(server.get("/api/streams", null).body());
            assertEquals(List.of("open1", "open2"), anonymous.stream().map(o -> ((JsonObject) o).getString("name")).toList());
            assertEquals("offline", anonymous.getJsonObject(0).getString("state"));
            JsonArray all = new JsonArray(server.get("/api/streams", cookie).body());
            assertEquals(List.of("open1", "open2", "shut1", "shut2"), all.stream().map(o -> ((JsonObject) o).getString("name")).toList());
            assertFalse(all.getJsonObject(2).getBoolean("public"));

            var page = server.get("/live/open1", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/pages/live.js"), "/live/NAME is the player page");
            assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
            assertTrue(server.get("/live", null).body().contains("/pages/streams.js"), "/live lists the streams");

            assertEquals(0, publish(server, "/live/open1?key=" + CONFIG_KEY), "the key declared in config publishes");
            assertTrue(publish(server, "/live/shut1?key=wrong-key-0000000000") != 0, "a wrong key is refused");
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    @Test
    void tcpIngestRefusesAddressesOutsideItsAllowList() throws Exception {
        int port = FreePorts.loopback();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:webm", "live.tcp-allow", "10.0.0.0/8, 192.0.2.7"));
             Socket publisher = new Socket("127.0.0.1", port)) {
            publisher.setSoTimeout(5000);
            assertEquals(-1, publisher.getInputStream().read(), "127.0.0.1 is not allowed: the connection is closed");
            String cookie = server.loginAdmin();
            JsonObject cam1 = new JsonArray(server.get("/api/streams", cookie).body()).getJsonObject(0);
            assertFalse(cam1.getBoolean("live"));
        }
    }

    /** ffmpeg publishes two seconds over HTTP PUT; its exit code. */
    private static int publish(TestServer server, String path) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", "testsrc2=size=160x120:rate=25", "-t", "2", "-c:v", "libvpx", "-deadline", "realtime", "-f", "webm",
                "-method", "PUT", server.url(path)).redirectErrorStream(true).start();
        ffmpeg.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(ffmpeg.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        return ffmpeg.exitValue();
    }

    /** Upgrades as a browser does, offering permessage-deflate: "Upgrade-header / extensions the server chose". */
    private static String upgradeOfferingDeflate(Vertx client, TestServer server, String uri) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI(uri);
        return client.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true))
                .connect(options)
                .compose(ws -> { // the handshake's headers are only there while this callback runs
                    String upgrade = ws.headers().get("Upgrade");
                    String extensions = ws.headers().get("Sec-WebSocket-Extensions");
                    return ws.close().map(v -> upgrade + " / " + (extensions == null ? "none" : extensions));
                })
                .await();
    }

    /** The status of a WebSocket upgrade: 101 when it opened. */
    private static int upgrade(Vertx client, TestServer server, String uri, String cookie) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port()).setURI(uri);
        if (cookie != null) {
            options.addHeader("Cookie", cookie);
        }
        try {
            client.createWebSocketClient(new WebSocketClientOptions()).connect(options).await().close().await();
            return 101;
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }
}
