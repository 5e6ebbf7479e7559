package dev.kino.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The embedded SQLite database in the data dir, migrated by Flyway on open. */
public final class Database {
    private static final String FILE_NAME = "kino.db";
    private final Jdbi jdbi;
    private final Path file;

    private Database(Path file, Jdbi jdbi) {
        this.file = file;
        this.jdbi = jdbi;
    }

    /** Whether {@code dataDir} holds a Kino database (without creating one). */
    public static boolean exists(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(FILE_NAME));
    }

    /**
     * Opens (or creates) the database. The data dir is made 0700 and the database 0600 (SQLite gives its WAL and
     * shared-memory files the database's mode): accounts, sessions and the signing key are the owner's alone.
     */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another kino process created it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dataDir + " or its database", e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(5000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new Database(file, Jdbi.create(ds));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Path file() {
        return file;
    }
}
