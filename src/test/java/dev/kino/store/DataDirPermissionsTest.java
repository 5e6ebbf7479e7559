package dev.kino.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kino.auth.SecretKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts, sessions and the signing key are the owner's alone: data dir 0700, database and key 0600. */
class DataDirPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void dataDirAndItsFilesAreOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        Database db = Database.open(data);
        new UserStore(db).count();
        SecretKeyFile.loadOrCreate(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        for (String f : new String[] {"kino.db", "kino.db-wal", "kino.db-shm", "secret.key"}) {
            if (Files.exists(data.resolve(f))) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f))), f);
            }
        }
    }

    @Test
    void anExistingDataDirIsClosedToo() throws Exception {
        Path data = Files.createDirectories(dir.resolve("old"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Database.open(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("kino.db"))));
    }
}
