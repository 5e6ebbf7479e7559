package dev.kino.live.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.config.HlsConfig;
import dev.kino.config.LiveConfig;
import dev.kino.config.RtmpConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hub's rules with a fake clock: late joiners, re-init, slow readers, one publisher, grace period. Each stream's
 * owner runs on the calling thread here, so every call has been handled when it returns ({@link StreamOwnerTest} runs
 * the real owners).
 */
class StreamHubTest {
    static final long SEC = 1_000_000_000L;
    static final LiveConfig CONFIG = new LiveConfig(1000, 300, Duration.ofSeconds(10), Duration.ofSeconds(30), "127.0.0.1", "", "", "",
            RtmpConfig.off(), HlsConfig.defaults());

    long now = 100 * SEC;
    final StreamHub hub = new StreamHub(CONFIG, name -> Runnable::run);

    MediaUnit init(String mime) {
        return MediaUnit.init(new byte[10], mime, now);
    }

    MediaUnit frag(boolean key, long ts, int size) {
        return MediaUnit.fragment(new byte[size], key, ts, now);
    }

    static List<MediaUnit> drain(ReaderQueue q) {
        List<MediaUnit> out = new ArrayList<>();
        for (MediaUnit u = q.poll(); u != null; u = q.poll()) {
            out.add(u);
        }
        return out;
    }

    static List<Long> timestamps(List<MediaUnit> units) {
        return units.stream().filter(u -> !u.init()).map(MediaUnit::timestampMillis).toList();
    }

    @Test
    void aLateJoinerGetsInitAndTheFragmentsSinceTheLastKeyframe() {
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("pub", now));
        s.publish(init("video/webm; codecs=\"vp8\""));
        s.publish(frag(true, 0, 50));
        s.publish(frag(false, 100, 50));
        s.publish(frag(true, 2000, 50));
        s.publish(frag(false, 2100, 50));
        s.publish(frag(false, 2200, 50));
        AtomicInteger wakeups = new AtomicInteger();
        List<MediaUnit> got = drain(s.subscribe("late", wakeups::incrementAndGet, now));
        assertTrue(got.get(0).init());
        assertEquals("video/webm; codecs=\"vp8\"", got.get(0).mimeType());
        assertEquals(List.of(2000L, 2100L, 2200L), timestamps(got), "starts at the last keyframe");
        assertTrue(got.get(1).keyframe());
        ReaderQueue q = s.subscribe("late2", () -> { }, now);
        drain(q);
        s.publish(frag(false, 2300, 50));
        assertEquals(List.of(2300L), timestamps(drain(q)));
        assertTrue(wakeups.get() >= 1, "the reader is woken when data arrives");
    }

    @Test
    void aReaderThatAsksForHistoryStartsAWholeGopFurtherBackWhenItFits() {
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("pub", now));
        s.publish(init("video/mp4; codecs=\"avc1.64001F\""));
        s.publish(frag(true, 0, 10));
        s.publish(frag(false, 100, 10));
        assertEquals(List.of(0L, 100L), timestamps(drain(s.subscribeAsync("h0", () -> { }, true, now).join())),
                "no GOP before the first: the current one");
        s.publish(frag(true, 2000, 10));
        s.publish(frag(false, 2100, 10));
        assertEquals(List.of(0L, 100L, 2000L, 2100L), timestamps(drain(s.subscribeAsync("h1", () -> { }, true, now).join())),
                "the whole GOP before the current one");
        assertEquals(List.of(2000L, 2100L), timestamps(drain(s.subscribe("plain", () -> { }, now))), "others: the current GOP");
        s.publish(frag(false, 2200, 140)); // now the two GOPs would fill more than half the reader's queue
        assertEquals(List.of(2000L, 2100L, 2200L), timestamps(drain(s.subscribeAsync("h2", () -> { }, true, now).join())),
                "history only while it leaves the queue room to take what follows");
        s.publish(init("video/mp4; codecs=\"avc1.640028\""));
        s.publish(frag(true, 0, 10));
        assertEquals(List.of(0L), timestamps(drain(s.subscribeAsync("h3", () -> { }, true, now).join())),
                "a new init forgets the GOPs of the old one");
    }

    @Test
    void aReinitReachesEveryReaderAndRestartsTheCache() {
        LiveStream s = hub.stream("cam1");
        s.publish(init("video/webm; codecs=\"vp8\""));
        s.publish(frag(true, 0, 50));
        ReaderQueue r = s.subscribe("r", () -> { }, now);
        drain(r);
        s.publish(init("video/webm; codecs=\"vp9\""));
        s.publish(frag(false, 10, 50));
        s.publish(frag(true, 20, 50));
        List<MediaUnit> got = drain(r);
        assertEquals("video/webm; codecs=\"vp9\"", got.get(0).mimeType(), "a new init first");
        assertEquals(List.of(20L), timestamps(got), "then media from a keyframe on");
        List<MediaUnit> late = drain(s.subscribe("late", () -> { }, now));
        assertEquals("video/webm; codecs=\"vp9\"", late.get(0).mimeType());
        assertEquals(List.of(20L), timestamps(late));
    }

    @Test
    void aSlowReaderSkipsToTheNextKeyframeAndNobodyElseNotices() {
        LiveStream s = hub.stream("cam1");
        s.publish(init("m"));
        ReaderQueue slow = s.subscribe("slow", () -> { }, now);
        ReaderQueue fast = s.subscribe("fast", () -> { }, now);
        List<MediaUnit> fastGot = new ArrayList<>(drain(fast));
        for (int i = 0; i < 12; i++) {
            s.publish(frag(i % 4 == 0, i * 100L, 60));
            fastGot.addAll(drain(fast));
        }
        assertEquals(12, timestamps(fastGot).size(), "the fast reader got every fragment");
        assertTrue(slow.droppedFragments() > 0, "the slow one dropped some");
        List<MediaUnit> slowGot = drain(slow);
        assertTrue(slowGot.stream().filter(u -> !u.init()).findFirst().orElseThrow().keyframe(), "and resumes at a keyframe");
        assertTrue(slow.queuedBytes() <= CONFIG.readerQueueBytes());
    }

    @Test
    void aReaderBehindTooLongIsDropped() {
        LiveStream s = hub.stream("cam1");
        s.publish(init("m"));
        s.subscribe("slow", () -> { }, now);
        for (int i = 0; i < 10; i++) {
            s.publish(frag(false, i, 100));
        }
        s.publish(frag(true, 99, 400));
        List<String> dropped = new ArrayList<>();
        hub.tick(now + 5 * SEC, (name, q) -> dropped.add(q.id()));
        assertEquals(List.of(), dropped, "not yet");
        hub.tick(now + 11 * SEC, (name, q) -> dropped.add(name + "/" + q.id()));
        assertEquals(List.of("cam1/slow"), dropped);
        assertEquals(0, s.viewers());
    }

    @Test
    void onePublisherAtATimeAndAGracePeriodWhenItLeaves() {
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("a", now));
        assertFalse(s.claim("b", now), "a second publisher is refused");
        ReaderQueue viewer = s.subscribe("v", () -> { }, now);
        s.release("a", now);
        assertTrue(s.claim("b", now + SEC), "after the first leaves, another may publish");
        s.release("b", now + SEC);
        hub.tick(now + 20 * SEC, (n, q) -> { });
        assertTrue(hub.find("cam1").isPresent(), "viewers wait during the grace period");
        assertFalse(viewer.isClosed());
        hub.tick(now + 40 * SEC, (n, q) -> { });
        assertTrue(hub.find("cam1").isEmpty(), "the stream ends after it");
        assertTrue(viewer.isClosed());
    }

    @Test
    void aGopTooBigForTheCacheIsNotKept() {
        LiveStream s = hub.stream("cam1");
        s.publish(init("m"));
        s.publish(frag(true, 0, 600));
        s.publish(frag(false, 1, 600));
        List<MediaUnit> late = drain(s.subscribe("late", () -> { }, now));
        assertEquals(1, late.size(), "only the init: the late joiner waits for the next keyframe");
    }

    @Test
    void statusShowsViewersBitrateAndUptime() {
        LiveStream s = hub.stream("cam1");
        s.claim("p", now);
        s.publish(init("video/mp4; codecs=\"avc1.64001F\""));
        for (int i = 0; i < 5; i++) {
            s.publish(MediaUnit.fragment(new byte[250_000], i == 0, i * 1000L, now + i * SEC));
        }
        s.subscribe("v1", () -> { }, now);
        LiveStream.Status st = s.status(now + 5 * SEC);
        assertTrue(st.live());
        assertEquals(1, st.viewers());
        assertEquals("video/mp4; codecs=\"avc1.64001F\"", st.mimeType());
        assertEquals(2_000_000, st.bitsPerSecond(), 100_000, "≈ 1.25 MB in 5 s");
        assertEquals(5, st.uptimeSeconds());
    }

    @Test
    void aReaderThatNeverReadsIsDroppedEvenThoughEachKeyframeFitsItsQueue() {
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("pub", now));
        s.publish(init("video/webm; codecs=\"vp8\""));
        ReaderQueue stalled = s.subscribe("stalled", () -> { }, now);
        ReaderQueue reading = s.subscribe("reading", () -> { }, now);
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // 1 s GOPs of 4 × 100 bytes against a 300-byte queue
            now += SEC / 4;
            s.publish(frag(i % 4 == 0, i * 250L, 100));
            drain(reading);
            hub.tick(now, (name, q) -> dropped.add(q.id()));
        }
        assertEquals(List.of("stalled"), dropped, "behind since its first skip, never drained: dropped after max-behind");
        assertTrue(stalled.droppedFragments() > 0);
        assertEquals(0, reading.droppedFragments(), "the reading viewer lost nothing");
    }
}
