package dev.kino.testing;

import dev.kino.app.App;
import dev.kino.app.Services;
import dev.kino.store.Database;
import dev.kino.config.ConfigLoader;
import dev.kino.config.ServerConfig;
import dev.kino.torrent.Torrents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A real Kino server on a free loopback port, over a media and a data folder of the test's own. */
public final class TestServer implements AutoCloseable {
    public static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final App app;
    private final Path media;
    private final Path data;
    private final String adminPassword;

    private TestServer(App app, Path media, Path data, String adminPassword) {
        this.app = app;
        this.media = media;
        this.data = data;
        this.adminPassword = adminPassword;
    }

    public static TestServer start(Path media, Path data) {
        return start(media, data, Map.of());
    }

    /** Starts a server; {@code extra} sets further config keys such as {@code library.rescan-interval}. */
    public static TestServer start(Path media, Path data, Map<String, String> extra) {
        return start(media, data, extra, null);
    }

    /**
     * Starts a server whose torrent service is {@code torrents} (a fake, in handler tests), or Kino's own on loopback
     * if null; closing the server closes it.
     */
    public static TestServer start(Path media, Path data, Map<String, String> extra, Torrents torrents) {
        Map<String, String> flags = new HashMap<>(extra);
        flags.put("media", media.toString());
        flags.put("data", data.toString());
        flags.put("host", "127.0.0.1");
        flags.putIfAbsent("port", "0");
        // the torrent client stays on loopback, on a free port, without DHT (no network in tests)
        flags.putIfAbsent("torrent.host", "127.0.0.1");
        flags.putIfAbsent("torrent.port", "0");
        flags.putIfAbsent("torrent.dht", "false");
        flags.putIfAbsent("live.rtmp", "127.0.0.1:0"); // RTMP on a free loopback port, not 1935
        flags.putIfAbsent("torrent.allow-private-trackers", "true"); // LocalSwarm's opentracker is on loopback
        ServerConfig config = ConfigLoader.load(null, Map.of(), flags);
        App app = App.start(config, torrents == null ? null : () -> torrents);
        return new TestServer(app, media, data, app.generatedAdminPassword().orElse(null));
    }

    public int port() {
        return app.port();
    }

    /** The entry of stream {@code name} in {@code GET /api/streams}, or an empty object when it is not listed. */
    public JsonObject stream(String name, String cookie) throws IOException, InterruptedException {
        JsonArray list = new JsonArray(get("/api/streams", cookie).body());
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.getJsonObject(i).getString("name"))) {
                return list.getJsonObject(i);
            }
        }
        return new JsonObject();
    }

    /**
     * Waits until stream {@code name} is live with its init segment in (its MSE type known), and returns its entry. An
     * encoder's start takes seconds on a loaded 2-core runner: this waits for the stream, not a clock.
     */
    public JsonObject awaitLive(String name, String cookie, Duration timeout) throws InterruptedException {
        Await.until(timeout, "stream " + name + " goes live", () -> {
            JsonObject s = stream(name, cookie);
            return s.getBoolean("live", false) && s.getString("mimeType") != null;
        });
        try {
            return stream(name, cookie);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The RTMP ingest's port (on loopback). */
    public int rtmpPort() {
        return app.rtmpPort();
    }

    /** The RTMPS ingest's port, when {@code live.rtmps} is set. */
    public int rtmpsPort() {
        return app.rtmpsPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public Path media() {
        return media;
    }

    public Path data() {
        return data;
    }

    /** The generated admin password, on a first start. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Adds an account as {@code kino user add} does: another AuthService on the server's database. */
    public void addUser(String name, String password, boolean admin) {
        Services.auth(Database.open(data), ConfigLoader.load(null, Map.of(), Map.of()).auth()).addUser(name, password, admin);
    }

    /** Logs in and returns the {@code Cookie} header value to send. */
    public String login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    public String loginAdmin() throws IOException, InterruptedException {
        return login("admin", adminPassword);
    }

    public HttpResponse<String> post(String path, String json, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        app.close();
    }
}
