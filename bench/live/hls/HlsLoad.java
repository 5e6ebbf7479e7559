import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N Low-Latency HLS viewers of one live playlist, each as a player does it: a blocking playlist reload for the next
 * part ({@code _HLS_msn}/{@code _HLS_part} from the last playlist's preload hint), then that part, again and again.
 * Every viewer has its own connection (virtual threads, one blocking request at a time).
 *
 * After each playlist it fetches every part listed after the last one it has, in order, as a player does.
 *
 * <p>Usage: {@code java HlsLoad.java PLAYLIST_URL VIEWERS SECONDS}. Prints one {@code STEP} line: parts seen,
 * the share of (part, viewer) pairs that arrived within 1 s of the earliest arrival of that part, the arrival spread,
 * requests that failed, and bytes received.
 */
public class HlsLoad {
    static final Pattern HINT = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part(\\d+)\\.(\\d+)\\.mp4");
    static final Pattern PART = Pattern.compile("#EXT-X-PART:[^\\n]*URI=\"part(\\d+)\\.(\\d+)\\.mp4");
    /** Viewers per HTTP client: the JDK's client has one selector thread, which would otherwise be the bottleneck. */
    static final int VIEWERS_PER_CLIENT = 25;

    public static void main(String[] args) throws Exception {
        String playlist = args[0];
        int viewers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String base = playlist.substring(0, playlist.lastIndexOf('/') + 1);
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < (viewers + VIEWERS_PER_CLIENT - 1) / VIEWERS_PER_CLIENT; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
        }
        Map<String, Long> earliest = new ConcurrentHashMap<>();
        Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long startNanos = System.nanoTime();
        long measureFrom = startNanos + 3_000_000_000L; // the ramp: viewers join over the first 2 s
        long end = startNanos + (3L + seconds) * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(viewers);
        for (int v = 0; v < viewers; v++) {
            long joinAt = startNanos + 2_000_000_000L * v / Math.max(1, viewers);
            HttpClient http = clients.get(v / VIEWERS_PER_CLIENT);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(Math.max(0, (joinAt - System.nanoTime()) / 1_000_000));
                    String text = get(http, playlist, bytes, failures);
                    long[] lastMsn = {-1};
                    int[] lastPart = {-1};
                    while (System.nanoTime() < end) {
                        Matcher h = text == null ? null : HINT.matcher(text);
                        if (h == null || !h.find()) { // after a failure a player starts again from a plain reload
                            Thread.sleep(500);
                            text = get(http, playlist, bytes, failures);
                            continue;
                        }
                        String msn = h.group(1);
                        String part = h.group(2);
                        if (lastMsn[0] < 0) { // a player starts at the live edge: from the hinted part on
                            lastMsn[0] = Long.parseLong(msn);
                            lastPart[0] = Integer.parseInt(part) - 1;
                        }
                        text = get(http, playlist + "?_HLS_msn=" + msn + "&_HLS_part=" + part, bytes, failures);
                        if (text == null) {
                            continue;
                        }
                        // every part listed after the last one fetched, in order, as a player does
                        Matcher p = PART.matcher(text);
                        while (p.find()) {
                            long m = Long.parseLong(p.group(1));
                            int i = Integer.parseInt(p.group(2));
                            if (m < lastMsn[0] || m == lastMsn[0] && i <= lastPart[0]) {
                                continue;
                            }
                            lastMsn[0] = m;
                            lastPart[0] = i;
                            String got = get(http, base + "part" + m + "." + i + ".mp4", bytes, failures);
                            long now = System.nanoTime();
                            if (got != null && now >= measureFrom) {
                                String key = m + "." + i;
                                earliest.merge(key, now, Math::min);
                                arrivals.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(now);
                            }
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long pairs = 0;
        long onTime = 0;
        List<Long> spreads = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : arrivals.entrySet()) {
            long first = earliest.get(e.getKey());
            for (long t : e.getValue()) {
                spreads.add((t - first) / 1_000_000);
                if (t - first <= 1_000_000_000L) {
                    onTime++;
                }
            }
            pairs += viewers; // every viewer should have had it
        }
        spreads.sort(null);
        System.out.printf("STEP viewers=%d parts=%d pct_pairs_1s=%.2f spread_p50_ms=%d spread_p99_ms=%d failures=%d mbytes=%.1f%n",
                viewers, arrivals.size(), pairs == 0 ? 0 : 100.0 * onTime / pairs,
                spreads.isEmpty() ? -1 : spreads.get(spreads.size() / 2),
                spreads.isEmpty() ? -1 : spreads.get(Math.min(spreads.size() - 1, spreads.size() * 99 / 100)),
                failures.get(), bytes.get() / 1e6);
    }

    /** The body as text (parts too: only its length counts), or null after a failure. */
    static String get(HttpClient http, String url, AtomicLong bytes, AtomicLong failures) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            bytes.addAndGet(r.body().length);
            if (r.statusCode() != 200) {
                failures.incrementAndGet();
                return null;
            }
            return url.endsWith(".mp4") ? "" : new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            failures.incrementAndGet();
            return null;
        }
    }
}
