package dev.kino.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashes (OWASP's minimum: 19 MiB, 2 passes, 1 lane), PHC-encoded with a random salt. */
final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final String DUMMY = hash("kino-dummy-password-for-timing");

    private PasswordHasher() {}

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static boolean verify(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the time of one verification, so unknown user names answer no faster than wrong passwords. */
    static void burn(String password) {
        verify(password, DUMMY);
    }
}
