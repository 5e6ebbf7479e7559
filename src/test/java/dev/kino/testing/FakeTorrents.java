package dev.kino.testing;

import dev.kino.store.User;
import dev.kino.torrent.TorrentException;
import dev.kino.torrent.TorrentException.Kind;
import dev.kino.torrent.TorrentFileReader;
import dev.kino.torrent.TorrentState;
import dev.kino.torrent.TorrentView;
import dev.kino.torrent.Torrents;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A torrent service for web-layer tests: torrents are local files, and their bytes "arrive" in order at a set rate
 * from the moment the torrent is added, so reads block until then. Counts open readers.
 */
public final class FakeTorrents implements Torrents {
    private static final Pattern BTIH = Pattern.compile("xt=urn:btih:([0-9a-fA-F]{40})");
    private static final int PIECE = 256 * 1024;
    private static final int MAP_BUCKETS = 64;

    /** A torrent that can be added: its name and its files, relative path → local file. */
    private record Spec(String name, Map<String, Path> files) {}

    private final Map<String, Spec> known = new ConcurrentHashMap<>();
    private final Map<String, Added> added = new LinkedHashMap<>();
    private final AtomicInteger openReaders = new AtomicInteger();
    private volatile double bytesPerSecond = Double.POSITIVE_INFINITY;
    private volatile Duration maxWait = Duration.ofSeconds(60);

    /** Makes a torrent addable by its infohash (magnet) or, for a {@code .torrent} file, by the SHA-1 of its bytes. */
    public FakeTorrents known(String infoHash, String name, Map<String, Path> files) {
        known.put(infoHash, new Spec(name, new LinkedHashMap<>(files)));
        return this;
    }

    /** How fast bytes arrive, for torrents added from now on and those already downloading. */
    public void rate(double bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Caps how long a read waits, so that tests see a timeout without waiting a minute. */
    public void maxWait(Duration d) {
        maxWait = d;
    }

    public int openReaders() {
        return openReaders.get();
    }

    public static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    @Override
    public TorrentView addMagnet(String magnetUri, User addedBy) throws TorrentException {
        Matcher m = BTIH.matcher(magnetUri);
        if (!m.find()) {
            throw new TorrentException(Kind.BAD_INPUT, "the magnet link has no xt=urn:btih: infohash");
        }
        return add(m.group(1).toLowerCase(), addedBy);
    }

    @Override
    public TorrentView addTorrentFile(byte[] metainfo, User addedBy) throws TorrentException {
        if (metainfo.length == 0 || metainfo[0] != 'd') {
            throw new TorrentException(Kind.BAD_INPUT, "not a .torrent file");
        }
        try {
            return add(sha1(metainfo), addedBy);
        } catch (TorrentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized TorrentView add(String hash, User addedBy) {
        Added a = added.computeIfAbsent(hash, h -> new Added(h, known.get(h), addedBy));
        return a.view();
    }

    @Override
    public synchronized List<TorrentView> list() {
        return added.values().stream().map(Added::view).toList();
    }

    @Override
    public synchronized Optional<TorrentView> get(String infoHash) {
        return Optional.ofNullable(added.get(infoHash)).map(Added::view);
    }

    @Override
    public synchronized void remove(String infoHash, boolean deleteData) throws TorrentException {
        Added a = added.remove(infoHash);
        if (a == null) {
            throw new TorrentException(Kind.NOT_FOUND, "no such torrent");
        }
        a.removed = true;
    }

    @Override
    public synchronized void pause(String infoHash) throws TorrentException {
        Added a = find(infoHash);
        if (a.pausedAt == 0) {
            a.pausedAt = System.nanoTime();
        }
    }

    @Override
    public synchronized void resume(String infoHash) throws TorrentException {
        Added a = find(infoHash);
        if (a.pausedAt != 0) {
            a.start += System.nanoTime() - a.pausedAt;
            a.pausedAt = 0;
        }
    }

    private Added find(String infoHash) throws TorrentException {
        Added a = added.get(infoHash);
        if (a == null) {
            throw new TorrentException(Kind.NOT_FOUND, "no such torrent");
        }
        return a;
    }

    @Override
    public TorrentFileReader open(String infoHash, int fileIndex) throws TorrentException {
        Added a;
        synchronized (this) {
            a = find(infoHash);
        }
        if (a.spec == null) {
            throw new TorrentException(Kind.NO_METADATA, "no metadata yet");
        }
        if (fileIndex < 0 || fileIndex >= a.paths.size()) {
            throw new TorrentException(Kind.NOT_FOUND, "no such file");
        }
        try {
            Reader r = new Reader(a, a.offsets[fileIndex], a.sizes[fileIndex], FileChannel.open(a.spec.files().get(a.paths.get(fileIndex))));
            openReaders.incrementAndGet();
            return r;
        } catch (IOException e) {
            throw new TorrentException(Kind.FAILED, "cannot open", e);
        }
    }

    @Override
    public void close() {
        // nothing runs
    }

    /** One added torrent; bytes [0, available()) of the files laid end to end have "arrived". */
    private final class Added {
        final String hash;
        final Spec spec;
        final User addedBy;
        final Instant addedAt = Instant.now();
        final List<String> paths;
        final long[] offsets;
        final long[] sizes;
        final long total;
        volatile long start = System.nanoTime();
        volatile long pausedAt;
        volatile boolean removed;

        Added(String hash, Spec spec, User addedBy) {
            this.hash = hash;
            this.spec = spec;
            this.addedBy = addedBy;
            this.paths = spec == null ? List.of() : List.copyOf(spec.files().keySet());
            this.offsets = new long[paths.size()];
            this.sizes = new long[paths.size()];
            long off = 0;
            for (int i = 0; i < paths.size(); i++) {
                offsets[i] = off;
                try {
                    sizes[i] = Files.size(spec.files().get(paths.get(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                off += sizes[i];
            }
            this.total = off;
        }

        long available() {
            long now = pausedAt != 0 ? pausedAt : System.nanoTime();
            double bytes = (now - start) / 1e9 * bytesPerSecond;
            return bytes >= total ? total : (long) bytes;
        }

        TorrentView view() {
            long avail = available();
            double progress = total == 0 ? 0 : (double) avail / total;
            TorrentState state = spec == null ? TorrentState.METADATA : pausedAt != 0 ? TorrentState.PAUSED
                    : avail == total ? TorrentState.COMPLETE : TorrentState.DOWNLOADING;
            List<TorrentView.TorrentFile> files = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                long got = Math.max(0, Math.min(sizes[i], avail - offsets[i]));
                files.add(new TorrentView.TorrentFile(i, paths.get(i), sizes[i], sizes[i] == 0 ? 1 : (double) got / sizes[i]));
            }
            double[] map = new double[spec == null ? 0 : MAP_BUCKETS];
            for (int b = 0; b < map.length; b++) {
                long from = total * b / MAP_BUCKETS;
                long to = total * (b + 1) / MAP_BUCKETS;
                map[b] = to <= from ? 1 : Math.max(0, Math.min(1, (double) (avail - from) / (to - from)));
            }
            boolean active = state == TorrentState.DOWNLOADING;
            int pieces = (int) ((total + PIECE - 1) / PIECE);
            TorrentView.TorrentStats stats = new TorrentView.TorrentStats(active ? 7 : 0, 42,
                    active ? (long) Math.min(bytesPerSecond, Long.MAX_VALUE) : 0, active ? 1024 : 0, progress, avail, 0,
                    pieces, (int) (avail / PIECE) + (avail == total ? (total % PIECE == 0 ? 0 : 1) : 0));
            return new TorrentView(hash, spec == null ? hash : spec.name(), state, total, files, stats, map, addedAt, addedBy.username(),
                    addedBy.id(), null);
        }
    }

    private final class Reader implements TorrentFileReader {
        private final Added torrent;
        private final long offset;
        private final long size;
        private final FileChannel channel;
        private boolean closed;

        Reader(Added torrent, long offset, long size, FileChannel channel) {
            this.torrent = torrent;
            this.offset = offset;
            this.size = size;
            this.channel = channel;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(long position, ByteBuffer dst, Duration timeout) throws IOException, TorrentException {
            if (position >= size) {
                return -1;
            }
            Duration wait = timeout.compareTo(maxWait) < 0 ? timeout : maxWait;
            long deadline = System.nanoTime() + wait.toNanos();
            long need = offset + position;
            while (torrent.available() <= need) {
                if (torrent.removed) {
                    throw new TorrentException(Kind.GONE, "the torrent was removed");
                }
                if (System.nanoTime() > deadline) {
                    throw new TorrentException(Kind.TIMEOUT, "no data within " + wait.toMillis() + " ms");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
            }
            long n = Math.min(dst.remaining(), Math.min(torrent.available() - need, size - position));
            ByteBuffer slice = dst.slice(dst.position(), (int) n);
            int read = 0;
            while (slice.hasRemaining()) {
                int r = channel.read(slice, position + read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
            dst.position(dst.position() + read);
            return read;
        }

        @Override
        public void bitrate(long bytesPerSecond) {
            // no scheduler to steer
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openReaders.decrementAndGet();
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
