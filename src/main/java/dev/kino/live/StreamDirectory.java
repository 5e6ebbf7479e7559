package dev.kino.live;

import dev.kino.config.LiveConfig;
import dev.kino.store.StreamStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Declared live streams: in the database (made in the UI or API) or in config. A key is shown once, when made or
 * rotated; only its SHA-256 is stored, and keys are compared in constant time. Which streams are public is held in
 * memory, so a viewer's check never touches the database; everything else is blocking: call off the event loop.
 */
public final class StreamDirectory {
    /** Whether a publisher may publish. */
    public enum KeyCheck { OK, UNKNOWN_STREAM, WRONG_KEY }

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StreamStore store;
    private final Map<String, String> configKeyHashes = new ConcurrentHashMap<>();
    /** Names bound in config (live.streams and live.tcp): they belong to the admins, whatever the database says. */
    private final Set<String> configNames = new java.util.HashSet<>();
    private final Map<String, Boolean> visibility = new ConcurrentHashMap<>();
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    /**
     * Loads the declared streams. A name bound in config is config's alone: a database row of the same name (claimed
     * before it was bound) neither makes it public nor publishes into it.
     */
    public StreamDirectory(StreamStore store, LiveConfig config) {
        this.store = store;
        Map<String, Boolean> fromConfig = new java.util.HashMap<>();
        for (LiveConfig.TcpIngest t : config.tcpIngests()) {
            fromConfig.merge(t.stream(), t.isPublic(), Boolean::logicalOr);
            if (t.record()) {
                recorded.add(t.stream());
            }
        }
        for (LiveConfig.DeclaredStream d : config.declaredStreams()) {
            configKeyHashes.put(d.name(), hash(d.key()));
            fromConfig.put(d.name(), d.isPublic());
            if (d.record()) {
                recorded.add(d.name());
            }
        }
        configNames.addAll(fromConfig.keySet());
        store.all().stream().filter(row -> !configNames.contains(row.name())).forEach(row -> {
            visibility.put(row.name(), row.isPublic());
            if (row.record()) {
                recorded.add(row.name());
            }
        });
        visibility.putAll(fromConfig);
    }

    /** Whether config binds this name (a stream of the admins: it cannot be declared, rotated or claimed). */
    public boolean inConfig(String name) {
        return configNames.contains(name);
    }

    /** Declares a stream and returns its new key, or empty if the name is taken. */
    public Optional<String> create(String name, boolean isPublic, long ownerId) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stream names are 1-64 letters, digits, _ or -");
        }
        if (configNames.contains(name)) {
            return Optional.empty();
        }
        String key = newKey();
        if (!store.create(name, hash(key), isPublic, ownerId)) {
            return Optional.empty();
        }
        visibility.put(name, isPublic);
        return Optional.of(key);
    }

    /** A new key for a stream declared in the database (the old one stops working), or empty if there is none. */
    public Optional<String> rotate(String name) {
        if (configNames.contains(name)) {
            return Optional.empty();
        }
        String key = newKey();
        return store.setKeyHash(name, hash(key)) ? Optional.of(key) : Optional.empty();
    }

    public KeyCheck check(String name, String key) {
        String expected = configKeyHashes.get(name);
        if (expected == null && configNames.contains(name)) {
            return KeyCheck.WRONG_KEY; // a TCP port's stream has no key: it is published on its port (or by an admin)
        }
        if (expected == null) {
            Optional<StreamStore.StreamRow> row = store.find(name);
            if (row.isEmpty()) {
                return KeyCheck.UNKNOWN_STREAM;
            }
            expected = row.get().keyHash();
        }
        boolean ok = key != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash(key).getBytes(StandardCharsets.US_ASCII));
        return ok ? KeyCheck.OK : KeyCheck.WRONG_KEY;
    }

    /** A stream declared in the database, with its owner; empty for names config binds, whatever the database holds. */
    public Optional<StreamStore.StreamRow> find(String name) {
        return configNames.contains(name) ? Optional.empty() : store.find(name);
    }

    /** Whether the stream's publish sessions are recorded into the library. Never blocks. */
    public boolean records(String name) {
        return recorded.contains(name);
    }

    /**
     * Turns recording on or off for a stream declared in the database; false if there is none (config streams are
     * recorded as config says).
     */
    public boolean setRecord(String name, boolean on) {
        if (configNames.contains(name) || !store.setRecord(name, on)) {
            return false;
        }
        if (on) {
            recorded.add(name);
        } else {
            recorded.remove(name);
        }
        return true;
    }

    /** Whether anyone may watch; streams nobody declared public are private. Never blocks. */
    public boolean isPublic(String name) {
        return visibility.getOrDefault(name, false);
    }

    /** Every declared stream's name (database, config and TCP ingest ports). Never blocks. */
    public Set<String> names() {
        return new TreeSet<>(visibility.keySet());
    }

    private String newKey() {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
