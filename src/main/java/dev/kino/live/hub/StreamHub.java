package dev.kino.live.hub;

import dev.kino.config.LiveConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The one meeting point of publishers and readers: streams by name. {@link #tick} (called about once a second by
 * its owner) drops readers that cannot keep up and ends streams whose publisher has not come back in time.
 */
public final class StreamHub {
    private final LiveConfig config;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();

    public StreamHub(LiveConfig config) {
        this.config = config;
    }

    /** The stream of that name, made if it does not exist yet. */
    public LiveStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new LiveStream(n, config));
    }

    public Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    public List<LiveStream.Status> statuses(long nowNanos) {
        List<LiveStream.Status> out = new ArrayList<>();
        streams.values().forEach(s -> out.add(s.status(nowNanos)));
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * Housekeeping: {@code dropReader} is told of every reader to disconnect (stream name, reader id); streams past
     * their grace period are closed and forgotten.
     */
    public void tick(long nowNanos, BiConsumer<String, ReaderQueue> dropReader) {
        for (LiveStream s : streams.values()) {
            for (ReaderQueue q : s.overrunReaders(nowNanos)) {
                s.unsubscribe(q.id());
                dropReader.accept(s.name(), q);
            }
            if (s.graceOver(nowNanos)) {
                streams.remove(s.name(), s);
                s.close();
            }
        }
    }
}
