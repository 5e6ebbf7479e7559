package dev.kino.live.hub;

import dev.kino.config.LiveConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/**
 * The one meeting point of publishers and readers: streams by name, each with its own owner (a virtual thread at a
 * time, handling its messages in order). {@link #tick} (called about once a second by its owner, off the event
 * loops: it waits for every stream) asks each stream to drop readers that cannot keep up and to end if it has had
 * no publisher for the grace period; a stream that ends takes itself out of the directory.
 */
public final class StreamHub {
    private final LiveConfig config;
    private final Function<String, Executor> owners;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final List<ObjLongConsumer<LiveStream>> publisherListeners = new CopyOnWriteArrayList<>();
    private final IngestMemory ingestMemory;

    public StreamHub(LiveConfig config) {
        this(config, name -> task -> Thread.ofVirtual().name("stream " + name).start(task));
    }

    /** @param owners where each stream's messages run, by stream name (tests pass {@code Runnable::run}) */
    StreamHub(LiveConfig config, Function<String, Executor> owners) {
        this.config = config;
        this.owners = owners;
        this.ingestMemory = new IngestMemory(config.ingest().totalBytes());
    }

    /** What the publishers of this hub hold of unfinished fragments, against {@code live.ingest-mib}. */
    public IngestMemory ingestMemory() {
        return ingestMemory;
    }

    /** The largest fragment one publisher may send ({@code live.max-fragment-mib}). */
    public long maxFragmentBytes() {
        return config.ingest().maxFragmentBytes();
    }

    /** The stream of that name, made if it does not exist yet. */
    public LiveStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new LiveStream(n, config, this, owners.apply(n)));
    }

    public Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    /** Every stream's status, by name; the streams answer in parallel. Waits: not for event loops. */
    public List<LiveStream.Status> statuses(long nowNanos) {
        return statusesAsync(nowNanos).join();
    }

    /** {@link #statuses} without waiting: completes once every stream has answered, on the last one's owner. */
    public CompletableFuture<List<LiveStream.Status>> statusesAsync(long nowNanos) {
        List<CompletableFuture<LiveStream.Status>> replies = new ArrayList<>();
        streams.values().forEach(s -> replies.add(s.inspect(nowNanos)));
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, LiveStream.Status> byName = new TreeMap<>();
            for (CompletableFuture<LiveStream.Status> r : replies) {
                LiveStream.Status s = r.join();
                if (s != null) {
                    byName.put(s.name(), s); // one that ended meanwhile answers for the stream that took its name
                }
            }
            return List.copyOf(byName.values());
        });
    }

    /**
     * Housekeeping, once every stream has done it: {@code dropReader} is told (on the caller's thread) of every
     * reader disconnected for being too far behind; streams with no publisher for longer than the grace period
     * (whether it left or never came) are closed and forgotten.
     */
    public void tick(long nowNanos, BiConsumer<String, ReaderQueue> dropReader) {
        Map<String, CompletableFuture<List<ReaderQueue>>> replies = new TreeMap<>();
        streams.forEach((name, s) -> replies.put(name, s.tick(nowNanos)));
        replies.forEach((name, r) -> r.join().forEach(q -> dropReader.accept(name, q)));
    }

    /**
     * Tells {@code listener} of every claim a publisher wins, with the stream and the claim's time. It runs on that
     * stream's owner, so it must be quick and must not wait for the stream (hand the work to a thread of its own).
     */
    public void onPublisher(ObjLongConsumer<LiveStream> listener) {
        publisherListeners.add(listener);
    }

    /** Called by a stream's owner when a publisher has claimed it. */
    void claimed(LiveStream s, long nowNanos) {
        for (ObjLongConsumer<LiveStream> l : publisherListeners) {
            try {
                l.accept(s, nowNanos);
            } catch (RuntimeException e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    /** Called by a stream's owner as it ends: a later {@link #stream} makes a new one. */
    void forget(LiveStream s) {
        streams.remove(s.name(), s);
    }
}
