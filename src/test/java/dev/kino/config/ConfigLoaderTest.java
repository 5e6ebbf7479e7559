package dev.kino.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults < YAML file < environment < flags. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("kino.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static ServerConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
        return ConfigLoader.load(file, env, flags);
    }

    /** Asserts that loading fails with a message naming {@code key}. */
    private static ConfigException assertRejected(String key, Path file, Map<String, String> env, Map<String, String> flags) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env, flags));
        assertTrue(e.getMessage().contains(key), "message should name '" + key + "': " + e.getMessage());
        return e;
    }

    // --- defaults ---------------------------------------------------------------------------------------------

    @Test
    void defaults() {
        ServerConfig c = load(null, Map.of(), Map.of());
        assertEquals("0.0.0.0", c.http().host());
        assertEquals(8080, c.http().port());
        assertNull(c.http().baseUrl());
        assertEquals(16, c.http().maxRanges());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.http().eventLoops());
        assertEquals(Path.of("./media"), c.library().root());
        assertEquals(Duration.ofSeconds(10), c.library().rescanInterval());
        assertEquals(Path.of("./kino-data"), c.dataDir());
        assertEquals(Duration.ofDays(30), c.auth().sessionTtl());
        assertEquals(5, c.auth().loginMaxFailures());
        assertEquals(Duration.ofMinutes(15), c.auth().loginWindow());
        assertEquals(Duration.ofDays(365), c.auth().maxLinkTtl());
    }

    @Test
    void envNameOfADottedKey() {
        assertEquals("KINO_PORT", ConfigLoader.envName("port"));
        assertEquals("KINO_LIBRARY_RESCAN_INTERVAL", ConfigLoader.envName("library.rescan-interval"));
        assertEquals("KINO_AUTH_LOGIN_MAX_FAILURES", ConfigLoader.envName("auth.login-max-failures"));
    }

    // --- YAML -------------------------------------------------------------------------------------------------

    @Test
    void yamlOverridesDefaults() throws IOException {
        Path file = yaml("""
                port: 9000
                media: /srv/videos
                library:
                  rescan-interval: 30s
                auth:
                  session-ttl: 7d
                  login-max-failures: 10
                http: {max-ranges: 4}
                """);
        ServerConfig c = load(file, Map.of(), Map.of());
        assertEquals(9000, c.http().port());
        assertEquals(Path.of("/srv/videos"), c.library().root());
        assertEquals(Duration.ofSeconds(30), c.library().rescanInterval());
        assertEquals(Duration.ofDays(7), c.auth().sessionTtl());
        assertEquals(10, c.auth().loginMaxFailures());
        assertEquals(4, c.http().maxRanges());
        // untouched keys keep their defaults
        assertEquals("0.0.0.0", c.http().host());
        assertEquals(Duration.ofMinutes(15), c.auth().loginWindow());
    }

    @Test
    void yamlMayUseDottedKeys() throws IOException {
        ServerConfig c = load(yaml("library.rescan-interval: 45s\n"), Map.of(), Map.of());
        assertEquals(Duration.ofSeconds(45), c.library().rescanInterval());
    }

    @Test
    void yamlNumberWithoutUnitIsSeconds() throws IOException {
        ServerConfig c = load(yaml("library: {rescan-interval: 120}\n"), Map.of(), Map.of());
        assertEquals(Duration.ofMinutes(2), c.library().rescanInterval());
    }

    @Test
    void baseUrlIsTrimmedAndEmptyMeansNone() throws IOException {
        assertEquals("https://kino.example", load(yaml("base-url: ' https://kino.example '\n"), Map.of(), Map.of())
                .http().baseUrl());
        assertNull(load(yaml("base-url:\n"), Map.of(), Map.of()).http().baseUrl());
    }

    @Test
    void emptyYamlFileMeansDefaults() throws IOException {
        assertEquals(load(null, Map.of(), Map.of()), load(yaml(""), Map.of(), Map.of()));
        assertEquals(load(null, Map.of(), Map.of()), load(yaml("# nothing here yet\n"), Map.of(), Map.of()));
    }

    @Test
    void unknownYamlKeyIsNamed() throws IOException {
        assertRejected("prot", yaml("prot: 9000\n"), Map.of(), Map.of());
    }

    @Test
    void unknownNestedYamlKeyIsNamedWithItsSection() throws IOException {
        assertRejected("library.rescan-intervall", yaml("library:\n  rescan-intervall: 30s\n"), Map.of(), Map.of());
    }

    @Test
    void yamlThatIsNotAMappingIsRejected() throws IOException {
        assertThrows(ConfigException.class, () -> load(yaml("- port\n- 9000\n"), Map.of(), Map.of()));
        assertThrows(ConfigException.class, () -> load(yaml("just a string\n"), Map.of(), Map.of()));
    }

    @Test
    void malformedYamlIsAConfigException() throws IOException {
        assertThrows(ConfigException.class, () -> load(yaml("port: [9000\n"), Map.of(), Map.of()));
    }

    @Test
    void missingFileIsAConfigException() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir.resolve("nope.yaml"), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
    }

    // --- environment --------------------------------------------------------------------------------------------

    @Test
    void environmentOverridesYaml() throws IOException {
        Path file = yaml("port: 9000\nlibrary: {rescan-interval: 30s}\nhost: 127.0.0.1\n");
        ServerConfig c = load(file, Map.of("KINO_PORT", "9100", "KINO_LIBRARY_RESCAN_INTERVAL", "1m"), Map.of());
        assertEquals(9100, c.http().port());
        assertEquals(Duration.ofMinutes(1), c.library().rescanInterval());
        assertEquals("127.0.0.1", c.http().host());
    }

    @Test
    void kinoConfigNamesTheFile() throws IOException {
        Path file = yaml("port: 9000\n");
        assertEquals(9000, load(null, Map.of("KINO_CONFIG", file.toString()), Map.of()).http().port());
    }

    @Test
    void blankKinoConfigIsIgnored() {
        assertEquals(8080, load(null, Map.of("KINO_CONFIG", " "), Map.of()).http().port());
    }

    @Test
    void explicitFileWinsOverKinoConfig() throws IOException {
        Path explicit = yaml("port: 9000\n");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "port: 9999\n");
        assertEquals(9000, load(explicit, Map.of("KINO_CONFIG", other.toString()), Map.of()).http().port());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        ServerConfig c = load(null, Map.of("KINO_NONSENSE", "x", "PORT", "1", "HOME", "/root"), Map.of());
        assertEquals(8080, c.http().port());
    }

    // --- flags --------------------------------------------------------------------------------------------------

    @Test
    void flagsOverrideEnvironmentAndYaml() throws IOException {
        Path file = yaml("port: 9000\nlibrary: {rescan-interval: 30s}\n");
        ServerConfig c = load(file, Map.of("KINO_PORT", "9100", "KINO_LIBRARY_RESCAN_INTERVAL", "1m"),
                Map.of("port", "9200", "library.rescan-interval", "2h"));
        assertEquals(9200, c.http().port());
        assertEquals(Duration.ofHours(2), c.library().rescanInterval());
    }

    @Test
    void nullFlagsAreIgnored() {
        Map<String, String> flags = new HashMap<>();
        flags.put("port", null);
        assertEquals(9100, load(null, Map.of("KINO_PORT", "9100"), flags).http().port());
    }

    @Test
    void unknownFlagIsNamed() {
        assertRejected("colour", null, Map.of(), Map.of("colour", "blue"));
    }

    // --- bad values ---------------------------------------------------------------------------------------------

    @Test
    void portOutOfRangeIsNamed() throws IOException {
        ConfigException e = assertRejected("port", yaml("port: 70000\n"), Map.of(), Map.of());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        assertRejected("port", null, Map.of(), Map.of("port", "-1"));
    }

    @Test
    void nonNumericPortIsNamed() {
        ConfigException e = assertRejected("port", null, Map.of("KINO_PORT", "abc"), Map.of());
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void emptyValueIsNamed() {
        assertRejected("host", null, Map.of("KINO_HOST", " "), Map.of());
    }

    @Test
    void badDurationIsNamed() throws IOException {
        ConfigException e = assertRejected("library.rescan-interval",
                yaml("library: {rescan-interval: soon}\n"), Map.of(), Map.of());
        assertTrue(e.getMessage().contains("soon"), e.getMessage());
        assertRejected("auth.login-window", null, Map.of("KINO_AUTH_LOGIN_WINDOW", "later"), Map.of());
    }

    @Test
    void zeroDurationIsNamed() {
        assertRejected("library.rescan-interval", null, Map.of(), Map.of("library.rescan-interval", "0s"));
        assertRejected("auth.session-ttl", null, Map.of(), Map.of("auth.session-ttl", "PT0S"));
        assertRejected("auth.max-link-ttl", null, Map.of(), Map.of("auth.max-link-ttl", "PT-5S"));
    }

    @Test
    void otherIntegerRangesAreChecked() {
        assertRejected("http.max-ranges", null, Map.of(), Map.of("http.max-ranges", "0"));
        assertRejected("auth.login-max-failures", null, Map.of(), Map.of("auth.login-max-failures", "0"));
        assertRejected("http.event-loops", null, Map.of(), Map.of("http.event-loops", "1.5"));
    }

    @Test
    void connectionCapsAndHeadTimeout() {
        HttpConfig d = load(null, Map.of(), Map.of()).http();
        assertEquals(10_000, d.maxConnections());
        assertEquals(256, d.maxConnectionsPerAddress());
        assertEquals(Duration.ofSeconds(10), d.headerTimeout());
        HttpConfig c = load(null, Map.of("KINO_HTTP_MAX_CONNECTIONS", "500", "KINO_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0",
                "KINO_HTTP_HEADER_TIMEOUT", "3s"), Map.of()).http();
        assertEquals(500, c.maxConnections());
        assertEquals(0, c.maxConnectionsPerAddress(), "0: no cap per address");
        assertEquals(Duration.ofSeconds(3), c.headerTimeout());
        assertRejected("http.max-connections", null, Map.of(), Map.of("http.max-connections", "0"));
        assertRejected("http.max-connections-per-address", null, Map.of(), Map.of("http.max-connections-per-address", "-1"));
        assertRejected("http.header-timeout", null, Map.of(), Map.of("http.header-timeout", "0s"));
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertEquals(0, load(null, Map.of(), Map.of("port", "0")).http().port());
    }

    // --- torrent section --------------------------------------------------------------------------------------

    @Test
    void torrentDefaults() {
        TorrentConfig t = load(null, Map.of(), Map.of()).torrent();
        assertEquals(TorrentConfig.defaults(), t);
        assertEquals(50L << 30, t.diskBudgetBytes());
        assertFalse(t.allowPrivateTrackers(), "trackers on private addresses are refused unless allowed");
    }

    @Test
    void torrentKeysFromEnvironmentAndYaml() throws IOException {
        Path file = yaml("torrent: {port: 0, dht: off, disk-budget-mib: 0, read-ahead: 45s}\n");
        TorrentConfig t = load(file, Map.of("KINO_TORRENT_LOCAL_DISCOVERY", "yes", "KINO_TORRENT_HOST", "127.0.0.1",
                "KINO_TORRENT_ALLOW_PRIVATE_TRACKERS", "true"), Map.of()).torrent();
        assertEquals(new TorrentConfig("127.0.0.1", 0, false, true, 0, Duration.ofSeconds(45), true), t);
    }

    @Test
    void badTorrentValuesAreNamed() {
        assertRejected("torrent.dht", null, Map.of("KINO_TORRENT_DHT", "maybe"), Map.of());
        assertRejected("torrent.disk-budget-mib", null, Map.of(), Map.of("torrent.disk-budget-mib", "-1"));
        assertRejected("torrent.read-ahead", null, Map.of(), Map.of("torrent.read-ahead", "0s"));
    }
}
