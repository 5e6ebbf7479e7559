package dev.kino.bench.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The load client of Kino's live bench: N WebSocket viewers of one live stream (WebM, fragmented MP4 or FLV), stepped
 * up, with per-unit arrival times (a unit is a WebM Cluster, an fMP4 fragment or an FLV video frame; the code says
 * "cluster" for any of them). See bench/live/README.md for what it measures and how.
 *
 * <pre>
 * java -jar live-client.jar --url ws://127.0.0.1:8080/live/bench/ws [--cookie 'kino_session=…'] --label kino \
 *     --steps 50,100,200 --step-seconds 20 --server-pid PID [--publisher-pid PID] [--expect-json] [--format webm|fmp4|flv]
 * java -jar live-client.jar --scan FILE.webm|.mp4|.flv   (prints what the scanner finds in a file, for checking)
 * </pre>
 *
 * Prints one {@code STEP key=value…} line per step and one {@code RESULT …} line on stdout; progress on stderr.
 */
public final class LiveClient {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MAX_GAP_MICROS = 100_000; // a Cluster starting later than this after the previous one's end is a gap
    private static final long PASS_LAG = SECOND; // "within 1 s of arrival at the server"
    private static final double PASS_PERCENT = 99.0;
    private static final long RAMP_LIMIT = 60 * SECOND;

    private final Map<String, String> opt;
    private final URI url;
    private final String cookie;
    private final boolean expectJson;
    private final int lateJoins;
    private final int parallel;
    private final long stepNanos;
    private final long deadline;
    private final int serverPid;
    private final int publisherPid;
    private final String label;
    private final String format;
    private Vertx vertx;
    private WebSocketClient client;
    private Viewer probe;
    private long offset = Long.MAX_VALUE; // nanoTime at which media time 0 reached the server, at the earliest seen
    private int nextId;
    private String idleCpu = "-";
    private boolean streamLost;
    private volatile int passedSoFar;
    private volatile int stepNow;

    private LiveClient(Map<String, String> opt) {
        this.opt = opt;
        this.url = URI.create(req(opt, "url"));
        this.cookie = opt.get("cookie");
        this.expectJson = opt.containsKey("expect-json");
        this.lateJoins = Integer.parseInt(opt.getOrDefault("late", "10"));
        this.parallel = Integer.parseInt(opt.getOrDefault("parallel", "32"));
        this.stepNanos = (long) (Double.parseDouble(opt.getOrDefault("step-seconds", "20")) * SECOND);
        this.deadline = System.nanoTime() + (long) (Double.parseDouble(opt.getOrDefault("max-seconds", "600")) * SECOND);
        this.serverPid = Integer.parseInt(opt.getOrDefault("server-pid", "0"));
        this.publisherPid = Integer.parseInt(opt.getOrDefault("publisher-pid", "0"));
        this.label = opt.getOrDefault("label", "server");
        this.format = opt.getOrDefault("format", "webm");
        MediaScanner.of(format, null); // fails early on an unknown format
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (k.equals("expect-json")) {
                opt.put(k, "true");
            } else {
                opt.put(k, args[++i]);
            }
        }
        if (opt.containsKey("scan")) {
            scan(Path.of(opt.get("scan")), opt.get("format"), opt.get("drop"));
            return;
        }
        LiveClient c = new LiveClient(opt);
        c.watchdog();
        int code = c.run();
        System.exit(code);
    }

    private static String req(Map<String, String> opt, String k) {
        String v = opt.get(k);
        if (v == null) {
            throw new IllegalArgumentException("--" + k + " is required");
        }
        return v;
    }

    private static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[client] " + fmt + "%n", args);
    }

    /**
     * The deadline is checked between steps; a step against a server that stops answering (a relay swapping at
     * 4 GB) can block a handshake wait or a close for far longer. The watchdog ends the turn 60 s after the deadline
     * whatever the client is doing, with the steps it had passed, so the run goes on to the next server.
     */
    private void watchdog() {
        Thread t = new Thread(() -> {
            try {
                long wait = deadline + 60 * SECOND - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            log("watchdog: the turn ran 60 s past its time bound during N=%d; ending it", stepNow);
            System.out.println("RESULT label=" + label + " max_pass=" + passedSoFar + " stopped=time failed=" + stepNow);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    private int run() throws Exception {
        int loops = Integer.parseInt(opt.getOrDefault("loops", "2"));
        vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true)).build();
        // Browsers always offer permessage-deflate; a server that accepts it deflates every fragment for every viewer.
        boolean deflate = Boolean.parseBoolean(opt.getOrDefault("deflate", "true"));
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000).setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20)
                .setConnectTimeout(10_000).setTcpNoDelay(true).setClosingTimeout(2)
                .setTryUsePerMessageCompression(deflate));
        log("%s: %s, native transport %s, %d event loops, offers permessage-deflate: %s", label, url,
                vertx.isNativeTransportEnabled(), loops, deflate);
        try {
            return steps();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private int steps() throws Exception {
        // The probe watches from start to end: it calibrates the media clock while nothing else loads the server.
        probe = connect(-1);
        long warmup = (long) (Double.parseDouble(opt.getOrDefault("warmup", "6")) * SECOND);
        long until = System.nanoTime() + 30 * SECOND;
        while (probe.snapshot().clusters() < 3 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Viewer.Snapshot ps = probe.snapshot();
        if (ps.clusters() < 3) {
            log("the probe got %d clusters in 30 s (failure: %s): is the stream live?", ps.clusters(), ps.failure());
            System.out.println("RESULT label=" + label + " max_pass=0 error=no_stream");
            return 2;
        }
        Proc idle0 = Proc.read(serverPid);
        long t0 = System.nanoTime();
        Thread.sleep(warmup / MS);
        idleCpu = fmt(Proc.cpuPercent(idle0, Proc.read(serverPid), System.nanoTime() - t0), 1);
        calibrate(List.of(probe.snapshot()));
        log("probe: %d clusters, media clock calibrated", probe.snapshot().clusters());

        int[] ns = Arrays.stream(opt.getOrDefault("steps", "50,100,200,400,800,1600").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int retries = Integer.parseInt(opt.getOrDefault("retries", "1"));
        int maxPass = 0;
        for (int n : ns) {
            boolean passed = false;
            for (int attempt = 0; attempt <= retries && !passed; attempt++) {
                long need = stepNanos + 30 * SECOND;
                if (System.nanoTime() + need > deadline) {
                    log("stopping: not enough time left for N=%d", n);
                    System.out.println("RESULT label=" + label + " max_pass=" + maxPass + " stopped=time");
                    return 0;
                }
                stepNow = n;
                passed = step(n, attempt);
                if (streamLost) {
                    System.out.println("RESULT label=" + label + " max_pass=" + maxPass + " error=stream_stopped");
                    return 3;
                }
            }
            if (!passed) {
                System.out.println("RESULT label=" + label + " max_pass=" + maxPass + " first_fail=" + n);
                return 0;
            }
            maxPass = n;
            passedSoFar = n;
        }
        System.out.println("RESULT label=" + label + " max_pass=" + maxPass + " first_fail=none");
        return 0;
    }

    private Viewer connect(int late) {
        Viewer v = new Viewer(nextId++, System.nanoTime(), format);
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                .setURI(url.getRawPath()).setTimeout(15_000);
        if (cookie != null && !cookie.isEmpty()) {
            o.putHeader("Cookie", cookie);
        }
        client.connect(o).onSuccess(v::connected).onFailure(e -> v.failed(e.getMessage()));
        return v;
    }

    private boolean step(int n, int attempt) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        log("%s: N=%d%s (load average %s)", label, n, attempt > 0 ? " retry" : "", load);
        long rampStart = System.nanoTime();
        List<Viewer> viewers = new ArrayList<>(n);
        Semaphore inFlight = new Semaphore(parallel);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            Viewer v = new Viewer(nextId++, System.nanoTime(), format);
            if (System.nanoTime() - rampStart > RAMP_LIMIT) { // bounded: the rest count as not connected
                inFlight.release();
                v.failed("not tried: the ramp took more than " + RAMP_LIMIT / SECOND + " s");
                viewers.add(v);
                continue;
            }
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                    .setURI(url.getRawPath()).setTimeout(15_000);
            if (cookie != null && !cookie.isEmpty()) {
                o.putHeader("Cookie", cookie);
            }
            client.connect(o).onComplete(ar -> {
                inFlight.release();
                if (ar.succeeded()) {
                    v.connected(ar.result());
                } else {
                    v.failed(ar.cause().getMessage());
                }
            });
            viewers.add(v);
        }
        inFlight.acquire(parallel); // every handshake is done
        inFlight.release(parallel);
        long rampEnd = System.nanoTime();
        // wait until every viewer can play (bounded), then let it settle
        long until = System.nanoTime() + 15 * SECOND;
        while (System.nanoTime() < until) {
            int joined = 0;
            for (Viewer v : viewers) {
                if (v.canPlay(expectJson, MAX_GAP_MICROS)) {
                    joined++;
                }
            }
            if (joined == n) {
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000);

        long wStart = System.nanoTime();
        Proc server0 = Proc.read(serverPid), pub0 = Proc.read(publisherPid), self0 = Proc.read(-1);
        List<Viewer> late = new ArrayList<>();
        for (int k = 0; k < lateJoins; k++) {
            // one per slot, at a phase that moves by the golden ratio: evenly spread over the GOP whatever its length
            double phase = ((k + 1) * 0.6180339887498949) % 1.0;
            long at = wStart + (long) ((k + phase) * stepNanos / lateJoins);
            sleepUntil(at);
            late.add(connect(k));
        }
        sleepUntil(wStart + stepNanos);
        long wEnd = System.nanoTime();
        Proc server1 = Proc.read(serverPid), pub1 = Proc.read(publisherPid), self1 = Proc.read(-1);
        Thread.sleep(1500); // a Cluster that reached the server at wEnd has this long to arrive (> 1 s: it fails anyway)

        List<Viewer.Snapshot> snaps = new ArrayList<>(n);
        for (Viewer v : viewers) {
            snaps.add(v.snapshot());
        }
        List<Viewer.Snapshot> lateSnaps = new ArrayList<>();
        for (Viewer v : late) {
            lateSnaps.add(v.snapshot());
        }
        Viewer.Snapshot ps = probe.snapshot();
        List<Viewer.Snapshot> all = new ArrayList<>(snaps);
        all.add(ps);
        all.addAll(lateSnaps);
        long before = offset;
        calibrate(all);
        if (before != Long.MAX_VALUE && before - offset > 5 * MS) {
            log("media clock moved %.1f ms earlier this step", (before - offset) / 1e6);
        }

        Map<String, String> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("n", String.valueOf(n));
        out.put("attempt", String.valueOf(attempt));
        out.put("load", load);
        out.put("format", format);
        out.put("unit", MediaScanner.unitName(format));
        boolean pass = analyse(snaps, ps, lateSnaps, wStart, wEnd, out);
        out.put("ramp_s", fmt((rampEnd - rampStart) / 1e9, 1));
        out.put("server_idle_cpu", idleCpu);
        out.put("server_cpu", fmt(Proc.cpuPercent(server0, server1, wEnd - wStart), 1));
        out.put("publisher_cpu", fmt(Proc.cpuPercent(pub0, pub1, wEnd - wStart), 1));
        out.put("client_cpu", fmt(Proc.cpuPercent(self0, self1, wEnd - wStart), 1));
        out.put("server_rss_mb", fmt(Proc.statusKb(serverPid, "VmRSS") / 1000.0, 0));
        out.put("server_hwm_mb", fmt(Proc.statusKb(serverPid, "VmHWM") / 1000.0, 0));
        out.put("pass", pass ? "yes" : "no");
        StringBuilder line = new StringBuilder("STEP");
        out.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        System.out.flush();
        log("%s", line);

        // close everyone (bounded), then give the server a moment before the next step
        List<Future<Void>> closing = new ArrayList<>();
        for (Viewer v : viewers) {
            if (v.socket() != null) {
                closing.add(v.socket().close());
            }
        }
        for (Viewer v : late) {
            if (v.socket() != null) {
                closing.add(v.socket().close());
            }
        }
        try {
            Future.join(closing).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            log("closing took more than 15 s: %s", e);
        }
        Thread.sleep(2000);
        return pass;
    }

    /** The earliest (arrival − media end) seen anywhere: when media time 0 reached the server, at the latest. */
    private void calibrate(List<Viewer.Snapshot> snaps) {
        for (Viewer.Snapshot s : snaps) {
            for (int i = 0; i < s.clusters(); i++) {
                offset = Math.min(offset, s.arrival(i) - s.mediaEndMicros(i) * 1000);
            }
        }
    }

    private long ingest(long mediaEndMicros) {
        return offset + mediaEndMicros * 1000;
    }

    private boolean analyse(List<Viewer.Snapshot> snaps, Viewer.Snapshot ps, List<Viewer.Snapshot> lateSnaps,
                            long wStart, long wEnd, Map<String, String> out) {
        int n = snaps.size();
        // the fragments of the window: every Cluster anyone saw whose (estimated) arrival at the server is in it
        Map<Long, long[]> frags = new HashMap<>(); // tc -> {mediaEnd, earliest arrival, viewers within 1 s, worst lag}
        List<Viewer.Snapshot> everyone = new ArrayList<>(snaps);
        everyone.add(ps);
        for (Viewer.Snapshot s : everyone) {
            for (int i = 0; i < s.clusters(); i++) {
                long t = ingest(s.mediaEndMicros(i));
                if (t < wStart || t > wEnd) {
                    continue;
                }
                long[] f = frags.computeIfAbsent(s.tc(i), k -> new long[] {0, Long.MAX_VALUE, 0, 0});
                f[0] = s.mediaEndMicros(i);
                f[1] = Math.min(f[1], s.arrival(i));
            }
        }
        Map<String, Integer> failures = new java.util.TreeMap<>();
        for (Viewer.Snapshot s : snaps) {
            if (s.failure() != null) {
                failures.merge(s.failure(), 1, Integer::sum);
            }
        }
        failures.forEach((why, count) -> log("%d viewers could not connect: %s", count, why));
        int nf = frags.size();
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (Map.Entry<Long, long[]> e : frags.entrySet()) {
            lo = Math.min(lo, e.getKey()); // from the start of the first unit (1 s for Kino's fMP4 fragments)
            hi = Math.max(hi, e.getValue()[0]);
        }
        // the stream must have run through the window (a publisher that died would make an empty step look fine)
        boolean streamed = nf > 0 && (hi - lo) * 1000 >= 0.9 * (wEnd - wStart);
        if (!streamed) {
            log("the stream did not run through the window: %d Clusters covering %.1f s of %.1f s", nf,
                    nf == 0 ? 0 : (hi - lo) / 1e6, (wEnd - wStart) / 1e9);
        }
        out.put("stream_ok", streamed ? "yes" : "no");
        streamLost |= !streamed;
        long[] lags = new long[nf * n];
        long[] rel = new long[nf * n];
        long[] startLags = new long[nf * n]; // from the unit's media start: what its first frame waited
        Arrays.fill(lags, Long.MAX_VALUE);
        Arrays.fill(rel, Long.MAX_VALUE);
        Arrays.fill(startLags, Long.MAX_VALUE);
        Map<Long, Integer> index = new HashMap<>();
        for (Long tc : frags.keySet()) {
            index.put(tc, index.size());
        }
        int connected = 0, dropped = 0, joined = 0;
        double msgRate = 0, bitRate = 0;
        long[] joins = new long[n];
        long[] shakes = new long[n];
        for (int vi = 0; vi < n; vi++) {
            Viewer.Snapshot s = snaps.get(vi);
            if (s.connected()) {
                connected++;
            }
            if (s.closedNanos() != 0) {
                dropped++;
            }
            msgRate += s.messages() / s.age();
            bitRate += s.bytes() * 8 / s.age();
            joins[vi] = s.joinTime(expectJson, MAX_GAP_MICROS);
            shakes[vi] = s.handshakeTime();
            if (joins[vi] != Long.MAX_VALUE) {
                joined++;
            }
            for (int i = 0; i < s.clusters(); i++) {
                Integer fi = index.get(s.tc(i));
                if (fi == null) {
                    continue;
                }
                int slot = fi * n + vi;
                if (lags[slot] != Long.MAX_VALUE) {
                    continue; // seen twice (a re-sent cache): the first one counts
                }
                long[] f = frags.get(s.tc(i));
                long lag = Math.max(0, s.arrival(i) - ingest(f[0]));
                lags[slot] = lag;
                rel[slot] = s.arrival(i) - f[1];
                startLags[slot] = Math.max(0, s.arrival(i) - ingest(s.tc(i)));
                if (lag <= PASS_LAG) {
                    f[2]++;
                }
            }
        }
        int fragsAll = 0;
        long within = 0;
        for (long[] f : frags.values()) {
            if (f[2] == n) {
                fragsAll++;
            }
            within += f[2];
        }
        long relWithin = Arrays.stream(rel).filter(r -> r <= PASS_LAG).count();
        Arrays.sort(lags);
        Arrays.sort(rel);
        Arrays.sort(startLags);
        Arrays.sort(joins);
        Arrays.sort(shakes);
        long[] lj = lateSnaps.stream().mapToLong(s -> s.joinTime(expectJson, MAX_GAP_MICROS)).sorted().toArray();
        double pctAll = nf == 0 ? 0 : 100.0 * fragsAll / nf;
        double pctPairs = nf == 0 ? 0 : 100.0 * within / ((double) nf * n);
        out.put("connected", String.valueOf(connected));
        out.put("joined", String.valueOf(joined));
        out.put("closed_by_server", String.valueOf(dropped));
        out.put("fragments", String.valueOf(nf));
        out.put("pct_frag_all_viewers_1s", fmt(pctAll, 2));
        out.put("pct_deliveries_1s", fmt(pctPairs, 2));
        out.put("lag_p50_ms", ms(pct(lags, 50)));
        out.put("lag_p99_ms", ms(pct(lags, 99)));
        out.put("lag_max_ms", ms(pct(lags, 100)));
        out.put("start_lag_p50_ms", ms(pct(startLags, 50)));
        out.put("start_lag_p99_ms", ms(pct(startLags, 99)));
        out.put("rel_p50_ms", ms(pct(rel, 50)));
        out.put("rel_p99_ms", ms(pct(rel, 99)));
        out.put("pct_rel_1s", fmt(rel.length == 0 ? 0 : 100.0 * relWithin / rel.length, 2));
        out.put("join_p50_ms", ms(pct(joins, 50)));
        out.put("join_p99_ms", ms(pct(joins, 99)));
        out.put("handshake_p50_ms", ms(pct(shakes, 50)));
        out.put("handshake_p99_ms", ms(pct(shakes, 99)));
        out.put("late_join_p50_ms", ms(pct(lj, 50)));
        out.put("late_join_max_ms", ms(pct(lj, 100)));
        out.put("msgs_per_viewer_s", fmt(n == 0 ? 0 : msgRate / n, 1));
        out.put("mbit_per_viewer_s", fmt(n == 0 ? 0 : bitRate / n / 1e6, 2));
        return streamed && pctAll >= PASS_PERCENT;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Long.MIN_VALUE;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ms(long nanos) {
        if (nanos == Long.MIN_VALUE) {
            return "-";
        }
        return nanos == Long.MAX_VALUE ? "never" : fmt(nanos / 1e6, 1);
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long d = nanoTime - System.nanoTime();
        if (d > 0) {
            Thread.sleep(d / MS, (int) (d % MS));
        }
    }

    /** utime+stime (clock ticks) of a process; -1 = this one, 0 = none. */
    record Proc(long ticks, boolean ok) {
        static Proc read(int pid) {
            if (pid == 0) {
                return new Proc(0, false);
            }
            try {
                String s = Files.readString(Path.of("/proc/" + (pid < 0 ? "self" : String.valueOf(pid)) + "/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Proc(Long.parseLong(f[11]) + Long.parseLong(f[12]), true); // fields 14 and 15
            } catch (IOException | RuntimeException e) {
                return new Proc(0, false);
            }
        }

        /** % of one core between two readings (100 clock ticks per second on Linux). */
        static double cpuPercent(Proc a, Proc b, long nanos) {
            if (!a.ok || !b.ok) {
                return 0;
            }
            return (b.ticks - a.ticks) / 100.0 / (nanos / 1e9) * 100.0;
        }

        static long statusKb(int pid, String key) {
            if (pid <= 0) {
                return 0;
            }
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith(key + ":")) {
                        return Long.parseLong(l.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }

    /**
     * --scan FILE [--format F] [--drop FROM-TO]: feeds a file in odd-sized pieces and prints the units found; with
     * --drop, the bytes from FROM to TO are left out, as a relay's late joiner misses them.
     */
    private static void scan(Path file, String format, String drop) throws IOException {
        byte[] data = Files.readAllBytes(file);
        if (drop != null) {
            int from = Integer.parseInt(drop.split("-")[0]), to = Integer.parseInt(drop.split("-")[1]);
            byte[] cut = new byte[data.length - (to - from)];
            System.arraycopy(data, 0, cut, 0, from);
            System.arraycopy(data, to, cut, from, data.length - to);
            data = cut;
        }
        int[] counts = new int[3];
        String name = file.getFileName().toString();
        String fmt = format != null ? format : name.endsWith(".flv") ? "flv"
                : name.endsWith(".mp4") || name.endsWith(".m4s") ? "fmp4" : "webm";
        MediaScanner sc = MediaScanner.of(fmt, new MediaScanner.Sink() {
            @Override
            public void init(long nowNanos) {
                System.out.println("init at byte " + nowNanos);
            }

            @Override
            public void unit(long tc, long maxRel, boolean key, long nowNanos) {
                counts[0]++;
                if (key) {
                    counts[1]++;
                }
                if (counts[0] <= 20 || key) {
                    System.out.printf(Locale.ROOT, "unit tc=%d ms end=+%d ms key=%s done at byte %d%n", tc / 1000,
                            maxRel / 1000, key, nowNanos);
                }
            }

            @Override
            public void resync() {
                counts[2]++;
                System.out.println("resync");
            }
        });
        int piece = 1, off = 0;
        while (off < data.length) {
            int len = Math.min(piece, data.length - off);
            sc.feed(io.vertx.core.buffer.Buffer.buffer(Arrays.copyOfRange(data, off, off + len)), off + len);
            off += len;
            piece = piece * 7 % 40_009 + 1;
        }
        System.out.printf("%s units (%s) %d, keyframe units %d, resyncs %d%n", fmt, MediaScanner.unitName(fmt), counts[0],
                counts[1], counts[2]);
    }
}
