import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Glass-to-glass latency in headless Chromium. The publisher draws its wall clock into every frame as 24 black/white
 * boxes (the time in 10 ms units, modulo 2^24, low bit first) along the top; this program opens Kino's live page in
 * each mode, reads those boxes from every frame the page presents (requestVideoFrameCallback + canvas) and records
 * presentation time minus the time drawn in the frame. Modes take turns, round after round.
 *
 * <p>Usage: {@code java -cp CLASSPATH Latency.java BASE_URL STREAM ROUNDS SECONDS MODE...} with modes {@code ws},
 * {@code ll} (hls.js low latency) and {@code plain} (hls.js, ordinary HLS). Prints one line per round and mode.
 */
public class Latency {
    static final String SAMPLER = """
        ([seconds, bits]) => new Promise(resolve => {
          const v = document.getElementById('live');
          const c = document.createElement('canvas');
          const out = [];
          const start = performance.now();
          let firstFrameAt = null;
          const frame = (now, meta) => {
            if (v.videoWidth > 0) {
              c.width = v.videoWidth; c.height = v.videoHeight;
              const g = c.getContext('2d', { willReadFrequently: true });
              g.drawImage(v, 0, 0);
              const box = v.videoWidth / 40;
              let value = 0;
              for (let k = 0; k < bits; k++) {
                const px = g.getImageData(Math.round(box * (k + 0.5)), Math.round(box / 2), 1, 1).data;
                if (px[0] + px[1] + px[2] > 3 * 128) value += 2 ** k;
              }
              const shown = performance.timeOrigin + now;
              const period = 2 ** bits;
              let drawn = Math.floor(shown / 10) - ((Math.floor(shown / 10) - value) % period + period) % period;
              if (firstFrameAt === null) firstFrameAt = now - start;
              out.push(shown - drawn * 10);
            }
            if (performance.now() - start < seconds * 1000) v.requestVideoFrameCallback(frame);
            else resolve({ samples: out, firstFrameMs: firstFrameAt });
          };
          v.requestVideoFrameCallback(frame);
        })
        """;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String stream = args[1];
        int rounds = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        List<String> modes = List.of(args).subList(4, args.length);
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(
                     java.nio.file.Path.of("/usr/bin/chromium")).setHeadless(true).setArgs(List.of("--no-sandbox",
                     "--disable-gpu", "--autoplay-policy=no-user-gesture-required")))) {
            for (int round = 1; round <= rounds; round++) {
                for (String mode : modes) {
                    String query = switch (mode) {
                        case "ws" -> "";
                        case "ll" -> "?hls=1";
                        case "plain" -> "?hls=plain";
                        default -> throw new IllegalArgumentException(mode);
                    };
                    Page page = browser.newPage();
                    long opened = System.nanoTime();
                    page.navigate(base + "/live/" + stream + query);
                    page.waitForFunction("() => document.getElementById('live').readyState >= 2", null,
                            new Page.WaitForFunctionOptions().setTimeout(30_000));
                    long playingMs = (System.nanoTime() - opened) / 1_000_000;
                    page.waitForTimeout(3000); // settle: the player catches up with the edge as it starts
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) page.evaluate(SAMPLER, List.of(seconds, 24));
                    List<Double> samples = new ArrayList<>();
                    for (Object o : (List<?>) r.get("samples")) {
                        samples.add(((Number) o).doubleValue());
                    }
                    samples.sort(null);
                    System.out.printf("LATENCY round=%d mode=%s frames=%d first_picture_ms=%d p50_ms=%.0f p90_ms=%.0f max_ms=%.0f%n",
                            round, mode, samples.size(), playingMs, pct(samples, 50), pct(samples, 90),
                            samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1));
                    page.close();
                }
            }
        }
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
