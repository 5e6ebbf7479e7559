package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kino.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torrent cannot make the server connect to its own machine or network through its trackers (issue 10): a loopback
 * HTTP and UDP "tracker" hears nothing from a server with the default settings, whether the torrent names it by
 * address, by name or as an IPv4-mapped IPv6 literal, in a magnet or a {@code .torrent}'s announce list; with
 * {@code torrent.allow-private-trackers} it hears the announce.
 */
@Timeout(90)
class PrivateTrackerTest {
    @TempDir
    Path dir;

    private HttpServer http;
    private DatagramSocket udp;
    private final AtomicInteger httpAnnounces = new AtomicInteger();
    private final AtomicInteger udpPackets = new AtomicInteger();

    @BeforeEach
    void startTracker() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            httpAnnounces.incrementAndGet();
            byte[] body = "d8:intervali1800e5:peers0:e".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            try {
                while (true) {
                    udp.receive(p);
                    udpPackets.incrementAndGet();
                }
            } catch (SocketException closed) {
                // the test is over
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void stopTracker() {
        http.stop(0);
        udp.close();
    }

    /** The loopback HTTP tracker by address, by name and as an IPv4-mapped IPv6 literal. */
    private List<String> httpTrackers() {
        int port = http.getAddress().getPort();
        return List.of("http://127.0.0.1:" + port + "/announce", "http://localhost:" + port + "/announce",
                "http://[::ffff:127.0.0.1]:" + port + "/announce");
    }

    private String udpTracker() {
        return "udp://127.0.0.1:" + udp.getLocalPort() + "/announce";
    }

    @Test
    void trackersOnPrivateAddressesAreNeverAskedByDefault() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("torrent.allow-private-trackers", "false"))) {
            String admin = server.loginAdmin();
            StringBuilder magnet = new StringBuilder("magnet:?xt=urn:btih:" + "7".repeat(40) + "&dn=x");
            httpTrackers().forEach(t -> magnet.append("&tr=").append(t));
            assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"" + magnet + "\"}", admin).statusCode());
            // an announce list: Bt's MultiTracker asks the service for each tier's tracker
            byte[] file = TestMetainfo.singleFile("a.mkv", new byte[50_000], List.of(httpTrackers().get(0), udpTracker()));
            HttpResponse<String> added = TestServer.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.url("/api/torrents"))).header("Cookie", admin)
                    .header("Content-Type", "application/x-bittorrent")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, added.statusCode(), added.body());
            Thread.sleep(4_000); // stays: an announce that must not happen has no event; with the setting one comes at once
            assertEquals(0, httpAnnounces.get(), "the HTTP tracker on loopback was asked");
            assertEquals(0, udpPackets.get(), "the UDP tracker on loopback was asked");
        }
    }

    @Test
    void withTheSettingTheyAreAsked() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("torrent.allow-private-trackers", "true"))) {
            String magnet = "magnet:?xt=urn:btih:" + "8".repeat(40) + "&dn=x&tr=" + httpTrackers().get(0);
            assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"" + magnet + "\"}", server.loginAdmin()).statusCode());
            assertTrue(TestTorrents.await(Duration.ofSeconds(15), () -> httpAnnounces.get() > 0), "no announce arrived");
        }
    }
}
