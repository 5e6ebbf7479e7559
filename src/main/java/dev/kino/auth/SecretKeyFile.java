package dev.kino.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** The server's signing secret, 32 random bytes in {@code DATA/secret.key}, created once, readable by the owner only. */
public final class SecretKeyFile {
    private SecretKeyFile() {}

    /** The key of an existing data dir, or empty if it has none (never creates one). */
    public static java.util.Optional<byte[]> load(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve("secret.key")) ? java.util.Optional.of(loadOrCreate(dataDir)) : java.util.Optional.empty();
    }

    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("secret.key");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, fresh, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another kino process created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 32) {
                throw new IllegalStateException(file + " is damaged (" + key.length + " bytes, need 32): delete it to make a new one");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
