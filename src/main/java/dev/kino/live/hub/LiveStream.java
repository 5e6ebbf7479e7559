package dev.kino.live.hub;

import dev.kino.config.LiveConfig;
import dev.kino.live.hub.HubRequest.Claim;
import dev.kino.live.hub.HubRequest.Describe;
import dev.kino.live.hub.HubRequest.Inspect;
import dev.kino.live.hub.HubRequest.Join;
import dev.kino.live.hub.HubRequest.Leave;
import dev.kino.live.hub.HubRequest.Publish;
import dev.kino.live.hub.HubRequest.Release;
import dev.kino.live.hub.HubRequest.Tick;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One named stream: at most one publisher, any number of readers. Its state ({@link StreamState}) has one owner,
 * which handles every change and question as a message ({@link HubRequest}), one at a time; this handle only posts
 * them. Publishing, releasing and leaving never wait; claiming, joining and asking for the status wait for the
 * owner's answer, which involves no I/O and never waits for a reader. Once the stream has ended (its grace period
 * over), whatever still reaches it through an old handle goes to the stream that now has its name, so a publisher
 * who reconnects at that moment publishes where viewers look.
 */
public final class LiveStream {
    /**
     * What the API shows of a stream.
     *
     * @param viewers the people watching: a player's connection counts one, an HLS muxer the players it serves, a
     *                recorder none
     * @param readers the hub's readers of any kind (viewers' connections, muxers, rungs, recorders)
     */
    public record Status(String name, boolean live, int viewers, String mimeType, long bitsPerSecond, long uptimeSeconds,
                         long droppedFragments, String protocol, VideoInfo video, int readers) {
        /** A stream nobody publishes to or watches. */
        static Status idle(String name) {
            return new Status(name, false, 0, null, 0, 0, 0, null, VideoInfo.UNKNOWN, 0);
        }
    }

    private final String name;
    private final LiveConfig config;
    private final StreamHub hub;
    private final StreamState state;
    private final Mailbox<HubRequest> owner;
    private boolean ended; // owner only

    LiveStream(String name, LiveConfig config, StreamHub hub, Executor executor) {
        this.name = name;
        this.config = config;
        this.hub = hub;
        this.state = new StreamState(name, config);
        this.owner = new Mailbox<>(executor, this::handle, LiveStream::failed);
    }

    public String name() {
        return name;
    }

    /** Takes the publisher's place; false if another publisher holds it (answer 409). Waits: not for event loops. */
    public boolean claim(String publisherId, long nowNanos) {
        return await(() -> claimAsync(publisherId, null, nowNanos));
    }

    /**
     * {@link #claim} without waiting, for event loops; the reply completes on the stream's owner.
     *
     * @param protocol how the publisher sends ({@code rtmp}, {@code tcp}, {@code http}, {@code websocket}), for the API
     */
    public CompletableFuture<Boolean> claimAsync(String publisherId, String protocol, long nowNanos) {
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        checkNotOwner();
        owner.post(new Claim(publisherId, protocol, nowNanos, reply));
        return reply;
    }

    /** What the publisher's container says of its video. Never waits; ignored unless {@code publisherId} publishes. */
    public void describe(String publisherId, VideoInfo info) {
        owner.post(new Describe(publisherId, info));
    }

    /**
     * {@link #subscribe} without waiting, for event loops: the reply completes on the stream's owner, with the
     * reader's queue once it has joined.
     */
    public CompletableFuture<ReaderQueue> subscribeAsync(String readerId, Runnable wakeup, long nowNanos) {
        return subscribeAsync(readerId, wakeup, false, nowNanos);
    }

    /**
     * {@link #subscribeAsync(String, Runnable, long)}; with {@code history} the queue starts one whole GOP further
     * back when the cache holds it, so a reader that cuts segments at keyframes (HLS) has a complete one at once.
     */
    public CompletableFuture<ReaderQueue> subscribeAsync(String readerId, Runnable wakeup, boolean history, long nowNanos) {
        return subscribeAsync(readerId, wakeup, history, 1, nowNanos);
    }

    /**
     * {@link #subscribeAsync(String, Runnable, boolean, long)} for a reader that counts {@code viewers} viewers
     * until it says otherwise ({@link ReaderQueue#viewers(int)}): an HLS muxer starts at 0.
     */
    public CompletableFuture<ReaderQueue> subscribeAsync(String readerId, Runnable wakeup, boolean history, int viewers,
                                                         long nowNanos) {
        return join(new ReaderQueue(readerId, config.readerQueueBytes(), wakeup, viewers), history, nowNanos);
    }

    /**
     * Adds a reader that is not a viewer (a recorder; a rung, until it passes on its own viewers' count): it reads
     * as a viewer does, but the stream's status does not count it. Waits: not for event loops.
     */
    public ReaderQueue subscribeUncounted(String readerId, Runnable wakeup, long nowNanos) {
        return await(() -> join(new ReaderQueue(readerId, config.readerQueueBytes(), wakeup, 0), false, nowNanos));
    }

    private CompletableFuture<ReaderQueue> join(ReaderQueue q, boolean history, long nowNanos) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        checkNotOwner();
        owner.post(new Join(q, history, nowNanos, reply));
        return reply.thenApply(v -> q);
    }

    /** {@link #status} without waiting, for event loops; the reply completes on the stream's owner. */
    public CompletableFuture<Status> statusAsync(long nowNanos) {
        return inspect(nowNanos).thenApply(s -> s != null ? s : Status.idle(name));
    }

    /** The publisher left; readers stay for the grace period. */
    public void release(String publisherId, long nowNanos) {
        owner.post(new Release(publisherId, nowNanos));
    }

    public boolean hasPublisher() {
        return status(System.nanoTime()).live();
    }

    /** Hands a unit from the publisher to every reader. Never waits. */
    public void publish(MediaUnit u) {
        owner.post(new Publish(u));
    }

    /** Adds a reader, its queue filled with the init segment and the cached fragments since the last keyframe. */
    public ReaderQueue subscribe(String readerId, Runnable wakeup, long nowNanos) {
        return await(() -> subscribeAsync(readerId, wakeup, nowNanos));
    }

    public void unsubscribe(String readerId) {
        owner.post(new Leave(readerId));
    }

    public int viewers() {
        return status(System.nanoTime()).viewers();
    }

    public Status status(long nowNanos) {
        return await(() -> statusAsync(nowNanos));
    }

    /** Asks for the status without waiting; null once the stream has ended and no other holds its name. */
    CompletableFuture<Status> inspect(long nowNanos) {
        CompletableFuture<Status> reply = new CompletableFuture<>();
        checkNotOwner();
        owner.post(new Inspect(nowNanos, reply));
        return reply;
    }

    /** Asks for the housekeeping without waiting; the reply lists the readers dropped. */
    CompletableFuture<List<ReaderQueue>> tick(long nowNanos) {
        CompletableFuture<List<ReaderQueue>> reply = new CompletableFuture<>();
        checkNotOwner();
        owner.post(new Tick(nowNanos, reply));
        return reply;
    }

    /** The waiting form of an asynchronous one: checked before anything is posted, then joined. */
    private <T> T await(Supplier<CompletableFuture<T>> ask) {
        checkNotEventLoop();
        try {
            return ask.get().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * The waiting forms ({@link #claim}, {@link #subscribe}, {@link #status}) are for worker threads and tests; an
     * event loop uses the {@code …Async} ones. Told by the thread's name, since the hub knows nothing of Vert.x.
     */
    private void checkNotEventLoop() {
        if (Thread.currentThread().getName().startsWith("vert.x-eventloop-thread")) {
            throw new IllegalStateException("stream " + name + ": an event loop would wait for the stream's owner");
        }
    }

    private void checkNotOwner() {
        if (owner.onOwnerThread()) {
            throw new IllegalStateException("stream " + name + ": its owner would wait for itself");
        }
    }

    /** The owner: one message at a time. */
    private void handle(HubRequest r) {
        if (ended) {
            relay(r);
            return;
        }
        switch (r) {
            case Claim c -> {
                boolean claimed = state.claim(c.publisherId(), c.protocol(), c.nowNanos());
                c.reply().complete(claimed);
                if (claimed) {
                    hub.claimed(this, c.nowNanos());
                }
            }
            case Describe d -> state.describe(d.publisherId(), d.info());
            case Release rel -> state.release(rel.publisherId(), rel.nowNanos());
            case Publish p -> state.publish(p.unit());
            case Join j -> {
                state.seen(j.nowNanos());
                state.join(j.queue(), j.history(), j.nowNanos());
                j.reply().complete(null);
            }
            case Leave l -> state.leave(l.readerId());
            case Tick t -> t.reply().complete(housekeeping(t.nowNanos()));
            case Inspect i -> i.reply().complete(state.status(i.nowNanos()));
        }
    }

    private List<ReaderQueue> housekeeping(long nowNanos) {
        state.seen(nowNanos);
        List<ReaderQueue> dropped = state.dropOverrun(nowNanos);
        if (state.expired(nowNanos)) {
            hub.forget(this); // first: from now on the hub makes a new stream for this name
            ended = true;
            state.close();
        }
        return dropped;
    }

    /**
     * After the end: a claim or a join goes to the stream that has the name now (made if there is none), as do
     * the units, releases, leaves and questions that follow them; a tick has nothing left to do.
     */
    private void relay(HubRequest r) {
        switch (r) {
            case Claim c -> hub.stream(name).owner.post(c);
            case Join j -> hub.stream(name).owner.post(j);
            case Tick t -> t.reply().complete(List.of());
            case Inspect i -> hub.find(name).ifPresentOrElse(s -> s.owner.post(i), () -> i.reply().complete(null));
            case Publish p -> hub.find(name).ifPresent(s -> s.owner.post(p));
            case Release rel -> hub.find(name).ifPresent(s -> s.owner.post(rel));
            case Describe d -> hub.find(name).ifPresent(s -> s.owner.post(d));
            case Leave l -> hub.find(name).ifPresent(s -> s.owner.post(l));
        }
    }

    private static void failed(HubRequest r, RuntimeException e) {
        CompletableFuture<?> reply = HubRequest.replyOf(r);
        if (reply != null) {
            reply.completeExceptionally(e);
        } else {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }
}
