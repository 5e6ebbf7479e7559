import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N Low-Latency HLS viewers of one live playlist, each as a player does it: a blocking playlist reload for the hinted
 * part ({@code _HLS_msn}/{@code _HLS_part}), then every part listed after the last one it has, in order, again and
 * again. Each viewer has its own connection; all run on two Vert.x event loops (asynchronous HTTP client), so the
 * client costs little next to the server. Run with Vert.x on the class path.
 *
 * <p>Usage: {@code java -cp CP HlsLoad.java PLAYLIST_URL VIEWERS SECONDS}. Prints one {@code STEP} line: parts seen,
 * the share of (part, viewer) pairs that arrived within 1 s of that part's earliest arrival, the spread, failed
 * requests and bytes received.
 */
public class HlsLoad {
    static final Pattern HINT = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part(\\d+)\\.(\\d+)\\.mp4");
    static final Pattern PART = Pattern.compile("#EXT-X-PART:[^\\n]*URI=\"part(\\d+)\\.(\\d+)\\.mp4");

    static final Map<String, Long> earliest = new ConcurrentHashMap<>();
    static final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    static final AtomicLong bytes = new AtomicLong();
    static final AtomicLong failures = new AtomicLong();
    static long measureFrom;
    static long end;

    public static void main(String[] args) throws Exception {
        URI playlist = URI.create(args[0]);
        int viewers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(playlist.getHost())
                .setDefaultPort(playlist.getPort()).setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(1));
        long start = System.nanoTime();
        measureFrom = start + 3_000_000_000L; // viewers join over the first 2 s
        end = start + (3L + seconds) * 1_000_000_000L;
        String path = playlist.getPath();
        String base = path.substring(0, path.lastIndexOf('/') + 1);
        CountDownLatch done = new CountDownLatch(viewers);
        for (int v = 0; v < viewers; v++) {
            // one pool per viewer, so each holds a connection of its own as a player does
            HttpClient own = v == 0 ? http : vertx.createHttpClient(new HttpClientOptions().setDefaultHost(playlist.getHost())
                    .setDefaultPort(playlist.getPort()).setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(1));
            long delayMs = Math.max(1, 2000L * v / Math.max(1, viewers));
            vertx.setTimer(delayMs, id -> new Viewer(own, path, base, done).reload(null));
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        long pairs = 0;
        long onTime = 0;
        List<Long> spreads = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : arrivals.entrySet()) {
            long first = earliest.get(e.getKey());
            synchronized (e.getValue()) {
                for (long t : e.getValue()) {
                    spreads.add((t - first) / 1_000_000);
                    if (t - first <= 1_000_000_000L) {
                        onTime++;
                    }
                }
            }
            pairs += viewers; // every viewer should have had it
        }
        Collections.sort(spreads);
        System.out.printf("STEP viewers=%d parts=%d pct_pairs_1s=%.2f spread_p50_ms=%d spread_p99_ms=%d failures=%d mbytes=%.1f unfinished=%d%n",
                viewers, arrivals.size(), pairs == 0 ? 0 : 100.0 * onTime / pairs,
                spreads.isEmpty() ? -1 : spreads.get(spreads.size() / 2),
                spreads.isEmpty() ? -1 : spreads.get(Math.min(spreads.size() - 1, spreads.size() * 99 / 100)),
                failures.get(), bytes.get() / 1e6, done.getCount());
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** One viewer's loop, on its event loop. */
    static final class Viewer {
        final HttpClient http;
        final String playlist;
        final String base;
        final CountDownLatch done;
        long lastMsn = -1;
        int lastPart = -1;

        Viewer(HttpClient http, String playlist, String base, CountDownLatch done) {
            this.http = http;
            this.playlist = playlist;
            this.base = base;
            this.done = done;
        }

        /** Reloads the playlist (blocking for the hinted part once there is one), then fetches what is new. */
        void reload(Matcher hint) {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            String uri = hint == null ? playlist : playlist + "?_HLS_msn=" + hint.group(1) + "&_HLS_part=" + hint.group(2);
            get(uri).onComplete(r -> {
                if (r.failed()) { // a player starts again from a plain reload after a moment
                    failures.incrementAndGet();
                    Vertx.currentContext().owner().setTimer(500, id -> reload(null));
                    return;
                }
                String text = r.result().toString();
                Matcher h = HINT.matcher(text);
                if (!h.find()) {
                    failures.incrementAndGet();
                    Vertx.currentContext().owner().setTimer(500, id -> reload(null));
                    return;
                }
                if (lastMsn < 0) { // start at the live edge: from the hinted part on
                    lastMsn = Long.parseLong(h.group(1));
                    lastPart = Integer.parseInt(h.group(2)) - 1;
                }
                List<long[]> fresh = new ArrayList<>();
                Matcher p = PART.matcher(text);
                while (p.find()) {
                    long m = Long.parseLong(p.group(1));
                    int i = Integer.parseInt(p.group(2));
                    if (m > lastMsn || m == lastMsn && i > lastPart) {
                        fresh.add(new long[] {m, i});
                        lastMsn = m;
                        lastPart = i;
                    }
                }
                fetch(fresh, 0, h);
            });
        }

        void fetch(List<long[]> parts, int at, Matcher hint) {
            if (at == parts.size()) {
                reload(hint);
                return;
            }
            long[] part = parts.get(at);
            get(base + "part" + part[0] + "." + part[1] + ".mp4").onComplete(r -> {
                long now = System.nanoTime();
                if (r.succeeded() && now >= measureFrom) {
                    String key = part[0] + "." + part[1];
                    earliest.merge(key, now, Math::min);
                    List<Long> list = arrivals.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()));
                    list.add(now);
                } else if (r.failed()) {
                    failures.incrementAndGet();
                }
                fetch(parts, at + 1, hint);
            });
        }

        Future<Buffer> get(String uri) {
            return http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).setIdleTimeout(15_000))
                    .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
                        bytes.addAndGet(body.length());
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + resp.statusCode());
                        }
                        return body;
                    })));
        }
    }
}
