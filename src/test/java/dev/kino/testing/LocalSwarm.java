package dev.kino.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real BitTorrent swarm on loopback: Debian's {@code opentracker} (whitelist mode: each seeded info hash is added
 * and the tracker told to reload) and one {@code aria2c} seeder per file, with DHT, LPD and PEX off. Everything it
 * started is killed by {@link #close()}.
 */
public final class LocalSwarm implements AutoCloseable {
    private final Path dir;
    private final int trackerPort;
    private final Process tracker;
    private final List<Seeder> seeders = new ArrayList<>();

    private LocalSwarm(Path dir, int trackerPort, Process tracker) {
        this.dir = dir;
        this.trackerPort = trackerPort;
        this.tracker = tracker;
    }

    /** Starts the tracker, keeping its files (whitelist, log) in {@code dir}. */
    public static LocalSwarm start(Path dir) throws IOException, InterruptedException {
        Path trackerDir = Files.createDirectories(dir.resolve("tracker"));
        // opentracker run as root chroots into its folder and drops to 'nobody', who must still read the whitelist
        Files.setPosixFilePermissions(trackerDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path whitelist = trackerDir.resolve("whitelist.txt");
        Files.writeString(whitelist, "");
        Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
        int port = FreePorts.loopback();
        Process p = new ProcessBuilder("opentracker", "-i", "127.0.0.1", "-p", String.valueOf(port), "-P",
                String.valueOf(port), "-d", trackerDir.toString(), "-w", "whitelist.txt")
                .directory(trackerDir.toFile())
                .redirectErrorStream(true).redirectOutput(trackerDir.resolve("opentracker.log").toFile()).start();
        LocalSwarm swarm = new LocalSwarm(dir, port, p);
        try {
            waitForPort(port, p);
        } catch (IOException | RuntimeException e) {
            swarm.close();
            throw e;
        }
        return swarm;
    }

    public String announceUrl() {
        return "http://127.0.0.1:" + trackerPort + "/announce";
    }

    /**
     * Makes a torrent of {@code file} ({@code mktorrent}, 256 KiB pieces), whitelists it and starts an aria2c seeder
     * uploading at most {@code uploadLimit} (aria2 syntax: {@code 2M}, {@code 0} for no limit).
     */
    public Seeder seed(Path file, String uploadLimit) throws IOException, InterruptedException {
        Path torrent = dir.resolve(file.getFileName() + ".torrent");
        run(List.of("mktorrent", "-l", "18", "-a", announceUrl(), "-o", torrent.toString(), file.toString()));
        byte[] bytes = Files.readAllBytes(torrent);
        String hash = TorrentFiles.infoHash(bytes);
        whitelist(hash);
        Seeder s = new Seeder(file, torrent, bytes, hash, uploadLimit, FreePorts.loopback(), true);
        seeders.add(s);
        s.start();
        return s;
    }

    /**
     * A second seeder of {@code original}'s torrent that serves {@code copy} (same file name, another folder) without
     * checking it first: if the copy was tampered with, this peer sends pieces that fail their hash.
     */
    public Seeder seedUnverified(Seeder original, Path copy, String uploadLimit) throws IOException, InterruptedException {
        Seeder s = new Seeder(copy, original.torrent, original.torrentBytes, original.infoHash, uploadLimit, FreePorts.loopback(), false);
        seeders.add(s);
        s.start();
        return s;
    }

    private void whitelist(String hash) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("tracker/whitelist.txt"), hash + "\n", StandardOpenOption.APPEND);
        run(List.of("kill", "-HUP", String.valueOf(tracker.pid())));
        // opentracker reloads the list on its own thread: the seeder's first announce must not come before it
        Await.until(Duration.ofSeconds(10), "opentracker lists " + hash, () -> listed(hash));
    }

    /**
     * Whether the tracker accepts announces of {@code hash}: a probe peer (port 1, wanting no peers) announces, and
     * leaves again at once, so no client meets it.
     */
    private boolean listed(String hash) throws IOException, InterruptedException {
        String query = announceUrl() + "?info_hash=" + hash.replaceAll("(..)", "%$1") + "&peer_id=-KT0000-probe0000000"
                + "&port=1&uploaded=0&downloaded=0&left=0&compact=1&numwant=0";
        String reply = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString()).body();
        if (reply.contains("failure reason")) {
            return false;
        }
        TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(query + "&event=stopped")).build(), HttpResponse.BodyHandlers.discarding());
        return true;
    }

    @Override
    public void close() {
        seeders.forEach(Seeder::close);
        Processes.kill(tracker);
    }

    /** One aria2c seeding one file on a fixed port; it can be stopped and started again. */
    public final class Seeder implements AutoCloseable {
        private final Path file;
        private final Path torrent;
        private final byte[] torrentBytes;
        private final String infoHash;
        private final String uploadLimit;
        private final int port;
        private final boolean verify;
        private Process process;

        private Seeder(Path file, Path torrent, byte[] torrentBytes, String infoHash, String uploadLimit, int port,
                       boolean verify) {
            this.file = file;
            this.torrent = torrent;
            this.torrentBytes = torrentBytes;
            this.infoHash = infoHash;
            this.uploadLimit = uploadLimit;
            this.port = port;
            this.verify = verify;
        }

        public String infoHash() {
            return infoHash;
        }

        public byte[] torrentBytes() {
            return torrentBytes.clone();
        }

        public String magnet() {
            return "magnet:?xt=urn:btih:" + infoHash + "&dn=" + URLEncoder.encode(file.getFileName().toString(),
                    StandardCharsets.UTF_8) + "&tr=" + URLEncoder.encode(announceUrl(), StandardCharsets.UTF_8);
        }

        public int port() {
            return port;
        }

        /** Starts aria2c (again) and waits until it accepts peers. */
        public synchronized void start() throws IOException, InterruptedException {
            if (process != null && process.isAlive()) {
                return;
            }
            Path log = dir.resolve(infoHash + "-" + port + "-aria2c.log");
            process = new ProcessBuilder("aria2c", "--dir=" + file.getParent(), "--seed-ratio=0",
                    "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                    "--check-integrity=" + verify, "--bt-seed-unverified=true", "--max-overall-upload-limit=" + uploadLimit,
                    "--listen-port=" + port, "--interface=127.0.0.1", "--bt-tracker-interval=1",
                    "--stop-with-process=" + ProcessHandle.current().pid(), "--console-log-level=warn",
                    "--summary-interval=0", "--auto-save-interval=0", torrent.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            waitForPort(port, process);
        }

        /** Kills aria2c at once (SIGKILL), as a seeder that vanishes: the tracker still lists it for a while. */
        public synchronized void stop() throws InterruptedException {
            if (process != null) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                process = null;
            }
        }

        @Override
        public synchronized void close() {
            if (process != null) {
                Processes.kill(process);
                process = null;
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------


    private static void waitForPort(int port, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(p.info().command().orElse("process") + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nothing listens on 127.0.0.1:" + port + " after 15 s");
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            Processes.kill(p);
            throw new IOException(cmd.get(0) + " failed: " + out);
        }
    }
}
