package dev.kino.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links, as nginx {@code secure_link}: the query carries {@code expires} (Unix seconds) and
 * {@code sig}, the base64url HMAC-SHA256 of the path and the expiry under the server's secret. Pure.
 */
public final class LinkSigner {
    /** The outcome of checking a link. */
    public enum Verdict { VALID, INVALID, EXPIRED }

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public LinkSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The query string ({@code expires=…&sig=…}) that grants access to {@code path} until {@code expiresEpochSeconds}. */
    public String query(String path, long expiresEpochSeconds) {
        return "expires=" + expiresEpochSeconds + "&sig=" + signature(path, expiresEpochSeconds);
    }

    String signature(String path, long expires) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * Checks a link. A missing, malformed or wrong signature, or a malformed expiry, is {@code INVALID}; a correct
     * signature whose expiry has passed is {@code EXPIRED}.
     */
    public Verdict verify(String path, String expires, String sig, long nowEpochSeconds) {
        if (path == null || expires == null || sig == null || expires.isEmpty() || expires.length() > 19
                || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Verdict.INVALID;
        }
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException tooLarge) {
            return Verdict.INVALID;
        }
        byte[] expected = signature(path, exp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return exp < nowEpochSeconds ? Verdict.EXPIRED : Verdict.VALID;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
