package dev.kino.torrent;

import dev.kino.config.TorrentConfig;
import dev.kino.store.Database;
import dev.kino.store.TorrentStore;
import dev.kino.store.User;
import dev.kino.store.UserStore;
import dev.kino.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/** A torrent service on loopback, without DHT and with short Bt timings, and small helpers for the swarm tests. */
final class TestTorrents {
    static final EngineTuning FAST = new EngineTuning(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    /** The account the swarm tests add torrents as: the first of each test's own database, made by {@link #start}. */
    static final User ALICE = new User(1, "alice", false);

    private TestTorrents() {}

    static TorrentService start(Path data) {
        return start(data, 0);
    }

    static TorrentService start(Path data, long diskBudgetBytes) {
        return start(data, diskBudgetBytes, FAST);
    }

    static TorrentService start(Path data, long diskBudgetBytes, EngineTuning tuning) {
        return start(data, new TorrentConfig("127.0.0.1", 0, false, false, diskBudgetBytes, Duration.ofSeconds(30),
                true), tuning); // the swarm's opentracker is on loopback
    }

    /** With magnets failing after {@code metadataTimeout} without metadata. */
    static TorrentService startWithMetadataTimeout(Path data, Duration metadataTimeout) {
        return start(data, new TorrentConfig("127.0.0.1", 0, false, false, 0, Duration.ofSeconds(30), true,
                metadataTimeout), FAST);
    }

    private static TorrentService start(Path data, TorrentConfig config, EngineTuning tuning) {
        Database db = Database.open(data);
        UserStore users = new UserStore(db);
        if (!users.exists(ALICE.username()) && !users.create(ALICE.username(), "-", false).equals(ALICE)) {
            throw new IllegalStateException("the test database has accounts of its own");
        }
        TorrentService s = new TorrentService(data, config, new TorrentStore(db), tuning);
        s.start();
        return s;
    }

    /** A file of pseudo-random bytes (incompressible, so every piece differs). */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 16];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                r.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(left, buf.length));
            }
        }
        return file;
    }

    /** Waits until {@code condition} holds, checking every 50 ms; false on timeout. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Starts {@code read} on a thread of its own and returns once it waits for a piece that has not arrived (in
     * {@link PieceGate}), or has finished: the event a test of a blocked read starts from, rather than a guessed sleep.
     */
    static <T> FutureTask<T> blockedRead(Callable<T> read) throws InterruptedException {
        FutureTask<T> task = new FutureTask<>(read);
        Thread reading = Thread.ofPlatform().daemon().name("blocked-read").start(task);
        Await.until(Duration.ofSeconds(10), "the read waits for its piece", () -> task.isDone()
                || reading.getState() == Thread.State.TIMED_WAITING && Arrays.stream(reading.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(PieceGate.class.getName())));
        return task;
    }

    /** Reads {@code length} bytes at {@code position} of a torrent file through a reader, looping over short reads. */
    static byte[] readRange(TorrentFileReader r, long position, int length, Duration timeout) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = r.read(position + buf.position(), buf, timeout);
            if (n < 0) {
                break;
            }
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** The same bytes straight from the source file. */
    static byte[] sourceRange(Path file, long position, int length) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
                // keeps reading until full or end of file
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
