package dev.kino.live.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a recorder needs of the hub: being told of each publisher's claim, and reading without counting as a viewer. */
class PublisherListenerTest {
    private final StreamHub hub = new StreamHub(StreamHubTest.CONFIG, name -> Runnable::run);

    @Test
    void everyClaimAPublisherWinsIsTold() {
        List<String> told = new ArrayList<>();
        hub.onPublisher((stream, nanos) -> told.add(stream.name() + "@" + nanos));
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("first", 5));
        assertFalse(s.claim("intruder", 6), "a second publisher is refused");
        s.release("first", 7);
        assertTrue(s.claim("second", 8), "one that comes back within the grace period");
        assertEquals(List.of("cam1@5", "cam1@8"), told);
    }

    @Test
    void anUncountedReaderReadsButIsNoViewer() {
        LiveStream s = hub.stream("cam1");
        assertTrue(s.claim("pub", 1));
        ReaderQueue recorder = s.subscribeUncounted("recorder", () -> {}, 2);
        s.subscribe("viewer", () -> {}, 2);
        MediaUnit init = MediaUnit.init(new byte[10], "video/mp4", 3);
        s.publish(init);
        assertSame(init, recorder.poll());
        assertEquals(1, s.status(4).viewers(), "only the viewer counts");
    }
}
