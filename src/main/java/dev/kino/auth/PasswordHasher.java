package dev.kino.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes, PHC-encoded with a random salt. The parameters are one of OWASP's equivalent minimum
 * settings (7 MiB, 5 passes, 1 lane): the same work as 19 MiB × 2 passes, but an allocation small enough to die
 * young in the GC instead of growing the old generation on every login. At most one hash per core runs at a time,
 * so a burst of logins queues instead of piling up memory. Old hashes carry their own parameters and still verify.
 */
final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(7_168, 5, 1, 32, Argon2.ID);
    private static final java.util.concurrent.Semaphore SLOTS =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private static final String DUMMY = hash("kino-dummy-password-for-timing");

    private PasswordHasher() {}

    static String hash(String password) {
        SLOTS.acquireUninterruptibly();
        try {
            return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
        } finally {
            SLOTS.release();
        }
    }

    static boolean verify(String password, String hash) {
        SLOTS.acquireUninterruptibly();
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        } finally {
            SLOTS.release();
        }
    }

    /** Spends the time of one verification, so unknown user names answer no faster than wrong passwords. */
    static void burn(String password) {
        verify(password, DUMMY);
    }
}
