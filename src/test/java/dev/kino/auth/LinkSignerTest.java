package dev.kino.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.auth.LinkSigner.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed, expiring media links. */
class LinkSignerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String PATH = "/media/696255e727d06d7a924efdb3";
    private static final long NOW = 1_760_000_000L;
    private static final long EXPIRES = NOW + 3600;

    private final LinkSigner signer = new LinkSigner(SECRET);

    /** The {@code expires} and {@code sig} values of a query produced by {@link LinkSigner#query}. */
    private static String[] split(String query) {
        String[] pairs = query.split("&");
        assertEquals(2, pairs.length, query);
        assertTrue(pairs[0].startsWith("expires="), query);
        assertTrue(pairs[1].startsWith("sig="), query);
        return new String[] {pairs[0].substring("expires=".length()), pairs[1].substring("sig=".length())};
    }

    private Verdict verify(LinkSigner s, String path, String query, long now) {
        String[] q = split(query);
        return s.verify(path, q[0], q[1], now);
    }

    @Test
    void signedLinkVerifies() {
        assertEquals(Verdict.VALID, verify(signer, PATH, signer.query(PATH, EXPIRES), NOW));
    }

    @Test
    void linkIsValidUpToAndIncludingItsExpirySecond() {
        String q = signer.query(PATH, EXPIRES);
        assertEquals(Verdict.VALID, verify(signer, PATH, q, EXPIRES));
        assertEquals(Verdict.EXPIRED, verify(signer, PATH, q, EXPIRES + 1));
    }

    @Test
    void expiredLinkIsExpired() {
        assertEquals(Verdict.EXPIRED, verify(signer, PATH, signer.query(PATH, NOW - 60), NOW));
    }

    @Test
    void queryHasExpiresAndBase64UrlSignature() {
        String q = signer.query(PATH, EXPIRES);
        // HMAC-SHA256 is 32 bytes: 43 base64url characters without padding
        assertTrue(Pattern.matches("expires=" + EXPIRES + "&sig=[A-Za-z0-9_-]{43}", q), q);
    }

    @Test
    void signatureIsDeterministic() {
        assertEquals(signer.query(PATH, EXPIRES), new LinkSigner(SECRET.clone()).query(PATH, EXPIRES));
    }

    @Test
    void signatureDependsOnPathAndExpiry() {
        assertNotEquals(signer.query(PATH, EXPIRES), signer.query(PATH + "x", EXPIRES));
        assertNotEquals(split(signer.query(PATH, EXPIRES))[1], split(signer.query(PATH, EXPIRES + 1))[1]);
    }

    @Test
    void otherPathIsInvalid() {
        String q = signer.query(PATH, EXPIRES);
        assertEquals(Verdict.INVALID, verify(signer, "/media/0000000000000000000000aa", q, NOW));
        assertEquals(Verdict.INVALID, verify(signer, PATH + "/", q, NOW));
        assertEquals(Verdict.INVALID, verify(signer, PATH.toUpperCase(), q, NOW));
    }

    @Test
    void pathAndExpiryCannotBeShuffled() {
        // the signed text is path + "\n" + expiry; moving digits between them must not verify
        String sig = split(signer.query("/a1", 23))[1];
        assertEquals(Verdict.INVALID, signer.verify("/a", "123", sig, 0));
    }

    @Test
    void extendedExpiryIsInvalidNotExpired() {
        String sig = split(signer.query(PATH, NOW - 60))[1];
        assertEquals(Verdict.INVALID, signer.verify(PATH, String.valueOf(EXPIRES), sig, NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, String.valueOf(NOW - 59), sig, NOW + 100));
    }

    @Test
    void tamperedSignatureIsInvalid() {
        String[] q = split(signer.query(PATH, EXPIRES));
        String sig = q[1];
        char last = sig.charAt(sig.length() - 1);
        String flipped = sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], flipped, NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], sig.substring(0, 42), NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], sig + "A", NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], sig + "=", NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], "", NOW));
    }

    @Test
    void linkFromAnotherSecretIsInvalid() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        String q = new LinkSigner(other).query(PATH, EXPIRES);
        assertEquals(Verdict.INVALID, verify(signer, PATH, q, NOW));
    }

    @Test
    void missingPartsAreInvalid() {
        String[] q = split(signer.query(PATH, EXPIRES));
        assertEquals(Verdict.INVALID, signer.verify(PATH, q[0], null, NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, null, q[1], NOW));
        assertEquals(Verdict.INVALID, signer.verify(PATH, "", q[1], NOW));
        assertEquals(Verdict.INVALID, signer.verify(null, q[0], q[1], NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "-1760003600", "+1760003600", "1760003600.0", "1e9", " 1760003600",
        "1760003600 ", "0x68E5A5D0", "00000000000000000001760003600"})
    void malformedExpiryIsInvalid(String expires) {
        // the signature is right for 1760003600; only the spelling of the expiry is wrong
        String sig = split(signer.query(PATH, EXPIRES))[1];
        assertEquals(Verdict.INVALID, signer.verify(PATH, expires, sig, NOW));
    }

    @Test
    void expiryBeyondLongRangeIsInvalid() {
        String sig = split(signer.query(PATH, EXPIRES))[1];
        assertEquals(Verdict.INVALID, signer.verify(PATH, "9999999999999999999", sig, NOW));
    }

    @Test
    void longestExpiryStillWorks() {
        String q = signer.query(PATH, Long.MAX_VALUE);
        assertEquals(Verdict.VALID, verify(signer, PATH, q, NOW));
    }

    @Test
    void nonAsciiPathRoundTrips() {
        String path = "/media/Amélie – 東京.mkv";
        assertEquals(Verdict.VALID, verify(signer, path, signer.query(path, EXPIRES), NOW));
        assertEquals(Verdict.INVALID, verify(signer, "/media/Amelie – 東京.mkv", signer.query(path, EXPIRES), NOW));
    }

    @Test
    void shortSecretIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LinkSigner(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new LinkSigner(new byte[0]));
    }

    @Test
    void secretIsCopiedOnConstruction() {
        byte[] secret = SECRET.clone();
        LinkSigner s = new LinkSigner(secret);
        String q = s.query(PATH, EXPIRES);
        Arrays.fill(secret, (byte) 0);
        assertEquals(Verdict.VALID, verify(s, PATH, q, NOW));
    }

    @Test
    void concurrentVerificationGivesTheSameAnswers() throws Exception {
        int threads = 8;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    int wrong = 0;
                    for (int i = 0; i < perThread; i++) {
                        String path = "/media/" + thread + "/" + i;
                        String[] q = split(signer.query(path, EXPIRES + i));
                        if (signer.verify(path, q[0], q[1], NOW) != Verdict.VALID) {
                            wrong++;
                        }
                        if (signer.verify(path + "x", q[0], q[1], NOW) != Verdict.INVALID) {
                            wrong++;
                        }
                    }
                    return wrong;
                });
            }
            int wrong = 0;
            for (Future<Integer> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                wrong += f.get();
            }
            assertEquals(0, wrong);
        } finally {
            pool.shutdownNow();
        }
    }
}
