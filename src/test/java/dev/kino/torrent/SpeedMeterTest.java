package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeedMeterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void rateOverTheWindow() {
        SpeedMeter m = new SpeedMeter(5 * S);
        assertEquals(0, m.bytesPerSecond());
        m.sample(0, 0);
        assertEquals(0, m.bytesPerSecond(), "one sample has no rate");
        for (int i = 1; i <= 10; i++) {
            m.sample(i * S, i * 1000L);
        }
        assertEquals(1000, m.bytesPerSecond());
        assertEquals(10_000, m.total());
    }

    @Test
    void oldSamplesLeaveTheWindow() {
        SpeedMeter m = new SpeedMeter(5 * S);
        m.sample(0, 0);
        m.sample(S, 1_000_000); // a burst
        for (int i = 2; i <= 12; i++) {
            m.sample(i * S, 1_000_000 + (i - 1) * 10L);
        }
        assertEquals(10, m.bytesPerSecond(), "the burst is out of the last 5 s");
    }

    @Test
    void aCounterThatRestartsKeepsTheTotalGrowing() {
        SpeedMeter m = new SpeedMeter(5 * S);
        m.sample(0, 0);
        m.sample(S, 5000);
        m.sample(2 * S, 0); // Bt session paused and started again
        m.sample(3 * S, 2000);
        assertEquals(7000, m.total());
        assertEquals(7000 / 3, m.bytesPerSecond());
    }
}
