package dev.kino.live.hub;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What reaches a stream's owner: every change and every question, as a message. Those with a {@code reply} are
 * answered by the owner; the others are fire-and-forget, so the publisher never waits.
 */
sealed interface HubRequest {
    /** Take the publisher's place; the reply is false if another publisher holds it. */
    record Claim(String publisherId, String protocol, long nowNanos, CompletableFuture<Boolean> reply) implements HubRequest {}

    /** What the publisher's container says of its video (its size and frame rate), for the API. */
    record Describe(String publisherId, VideoInfo info) implements HubRequest {}

    record Release(String publisherId, long nowNanos) implements HubRequest {}

    record Publish(MediaUnit unit) implements HubRequest {}

    /**
     * Add a reader, its queue first filled with the init segment and the cached fragments since the last keyframe
     * (with {@code history}, from the keyframe before that, when the cache still holds that whole GOP).
     */
    record Join(ReaderQueue queue, boolean history, long nowNanos, CompletableFuture<Void> reply) implements HubRequest {}

    record Leave(String readerId) implements HubRequest {}

    /** Housekeeping: the reply lists the readers dropped for being too far behind. */
    record Tick(long nowNanos, CompletableFuture<List<ReaderQueue>> reply) implements HubRequest {}

    /** The stream's status; null if the stream has ended and no other holds its name. */
    record Inspect(long nowNanos, CompletableFuture<LiveStream.Status> reply) implements HubRequest {}

    /** The reply a request waits for, if any. */
    static CompletableFuture<?> replyOf(HubRequest r) {
        return switch (r) {
            case Claim c -> c.reply();
            case Join j -> j.reply();
            case Tick t -> t.reply();
            case Inspect i -> i.reply();
            case Release rel -> null;
            case Describe d -> null;
            case Publish p -> null;
            case Leave l -> null;
        };
    }
}
