package dev.kino.live;

import dev.kino.store.StreamStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Declared live streams and their publish keys. A key is shown once, when made or rotated; only its SHA-256 is
 * stored, and keys are compared in constant time. Blocking (database): call off the event loop.
 */
public final class StreamDirectory {
    /** Whether a publisher may publish. */
    public enum KeyCheck { OK, UNKNOWN_STREAM, WRONG_KEY }

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final StreamStore store;
    private final SecureRandom random = new SecureRandom();

    public StreamDirectory(StreamStore store) {
        this.store = store;
    }

    /** Declares a stream and returns its new key, or empty if the name is taken. */
    public Optional<String> create(String name, boolean isPublic, long ownerId) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("stream names are 1-64 letters, digits, _ or -");
        }
        String key = newKey();
        return store.create(name, hash(key), isPublic, ownerId) ? Optional.of(key) : Optional.empty();
    }

    /** A new key for an existing stream (the old one stops working), or empty if there is no such stream. */
    public Optional<String> rotate(String name) {
        String key = newKey();
        return store.setKeyHash(name, hash(key)) ? Optional.of(key) : Optional.empty();
    }

    public KeyCheck check(String name, String key) {
        Optional<StreamStore.StreamRow> row = store.find(name);
        if (row.isEmpty()) {
            return KeyCheck.UNKNOWN_STREAM;
        }
        boolean ok = key != null && MessageDigest.isEqual(row.get().keyHash().getBytes(StandardCharsets.US_ASCII),
                hash(key).getBytes(StandardCharsets.US_ASCII));
        return ok ? KeyCheck.OK : KeyCheck.WRONG_KEY;
    }

    public Optional<StreamStore.StreamRow> find(String name) {
        return store.find(name);
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
