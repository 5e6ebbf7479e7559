package dev.kino.torrent;

import java.util.concurrent.TimeUnit;

/** A session's transfer counters, sampled once a second by the service's ticker; read from any thread. */
final class SessionMeters {
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SpeedMeter down = new SpeedMeter(WINDOW_NANOS);
    private final SpeedMeter up = new SpeedMeter(WINDOW_NANOS);

    synchronized void sample(long nanos, long downloaded, long uploaded) {
        down.sample(nanos, downloaded);
        up.sample(nanos, uploaded);
    }

    synchronized long downloadSpeed() {
        return down.bytesPerSecond();
    }

    synchronized long uploadSpeed() {
        return up.bytesPerSecond();
    }

    synchronized long downloaded() {
        return down.total();
    }

    synchronized long uploaded() {
        return up.total();
    }
}
