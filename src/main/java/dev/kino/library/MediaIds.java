package dev.kino.library;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Ids are the first 96 bits of the SHA-256 of the relative path: stable across restarts, opaque, fixed-size. */
public final class MediaIds {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{24}");

    private MediaIds() {}

    public static String of(String relativePath) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a string can be an id at all; anything else is answered 404 without a lookup. */
    public static boolean isWellFormed(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }
}
