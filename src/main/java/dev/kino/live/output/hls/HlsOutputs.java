package dev.kino.live.output.hls;

import dev.kino.config.HlsConfig;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.rung.LiveRungs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HLS face of every live stream: a {@link HlsSession} per stream, made by the first request and gone after its
 * idle time, and the questions a player asks of it (the playlist, possibly blocking; init segments, segments and
 * parts). Answers come back on the session's context; nothing here blocks.
 */
public final class HlsOutputs {
    private final Vertx vertx;
    private final HlsConfig config;
    /** How long a session that reads a rung lives without a request: a player asks at least every target duration. */
    private static final Duration RUNG_IDLE = Duration.ofSeconds(3);
    /** How long a rung runs on once its HLS session has gone. */
    public static final Duration RUNG_LINGER = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(HlsOutputs.class);

    private final LiveRungs rungs;
    private final Path spool;
    private final Map<String, HlsSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param spool where the older segments of a time-shift window ({@code live.hls.dvr}) are kept; emptied now, since
     *              what an earlier run left there belongs to muxers that are gone. Blocking: call at start-up.
     */
    public HlsOutputs(Vertx vertx, LiveRungs rungs, HlsConfig config, Path spool) {
        this.vertx = vertx;
        this.rungs = rungs;
        this.config = config;
        this.spool = spool;
        if (vertx.fileSystem().existsBlocking(spool.toString())) {
            vertx.fileSystem().deleteRecursiveBlocking(spool.toString());
        }
    }

    /**
     * The media playlist. With {@code msn} (and {@code part}) it waits until that segment (part) exists, as
     * blocking playlist reload asks, for at most three target durations (before the first segment is complete, and
     * with it the target duration known, for at most {@link HlsSession#FIRST_SEGMENT_WAIT}).
     *
     * @param query  appended to every URI in it (a signed link's {@code ?expires=…&sig=…}, or {@code ""})
     * @param player who asks (address and User-Agent): the stream's status counts each player that keeps asking
     */
    public void playlist(String name, Long msn, Integer part, boolean skip, String query, String player,
                         Consumer<HlsAnswer> reply) {
        Predicate<HlsMuxer> tooFar = m -> msn != null && msn > m.nextPart()[0] + 2;
        Predicate<HlsMuxer> ready = m -> m.started() && (msn == null || tooFar.test(m)
                || (part == null ? m.hasSegment(msn) : m.hasPart(msn, part)));
        Function<HlsMuxer, HlsAnswer> answer = m -> tooFar.test(m)
                ? HlsAnswer.error(400, "_HLS_msn " + msn + " is more than two segments ahead of the stream")
                : HlsAnswer.playlist(m.playlist(skip, query));
        ask(name, player, ready, answer, reply);
    }

    /** An init segment ({@code init{id}.mp4}). */
    public void init(String name, long id, Consumer<HlsAnswer> reply) {
        ask(name, null, m -> true, m -> m.init(id).map(i -> HlsAnswer.media(mediaType(i), i.data()))
                .orElseGet(() -> HlsAnswer.error(404, "no such init segment")), reply);
    }

    /** A complete segment; the one being filled is waited for. */
    public void segment(String name, long msn, Consumer<HlsAnswer> reply) {
        ask(name, null, m -> m.hasSegment(msn) || m.nextPart()[0] != msn,
                m -> m.segment(msn).map(s -> s.file() != null ? HlsAnswer.file(mediaType(s.init), s.file())
                                : HlsAnswer.media(mediaType(s.init), s.data()))
                        .orElseGet(() -> HlsAnswer.error(404, "no such segment (it may have left the window)")), reply);
    }

    /** A part; the next one or two (what the preload hint names) are waited for. */
    public void part(String name, long msn, int index, Consumer<HlsAnswer> reply) {
        ask(name, null, m -> m.part(msn, index).isPresent() || !soon(m.nextPart(), msn, index),
                m -> m.part(msn, index).map(p -> HlsAnswer.media(mediaType(p.init()), p.data()))
                        .orElseGet(() -> HlsAnswer.error(404, "no such part")), reply);
    }

    /** Whether (msn, index) is about to come: the next part, the one after it, or the next segment's first. */
    private static boolean soon(long[] next, long msn, int index) {
        return msn == next[0] && index >= next[1] && index <= next[1] + 1 || msn == next[0] + 1 && index == 0;
    }

    private static String mediaType(HlsMuxer.Init init) {
        return init.mimeType().startsWith("audio/") ? "audio/mp4" : "video/mp4";
    }

    /**
     * Asks the stream's session, made first if there is none: only for a playlist (it has a {@code player}), and
     * only if the stream is live in a form HLS can carry.
     */
    private void ask(String name, String player, Predicate<HlsMuxer> ready, Function<HlsMuxer, HlsAnswer> answer,
                     Consumer<HlsAnswer> reply) {
        HlsSession s = sessions.get(name);
        if (s != null) {
            s.request(player, ready, answer, reply);
            return;
        }
        if (player == null) {
            reply.accept(HlsAnswer.error(404, "stream " + name + " is not live"));
            return;
        }
        rungs.hlsSource(name).whenComplete((source, err) -> {
            switch (err != null ? null : source) {
                case LiveRungs.Ready r -> {
                    HlsSession made = session(name, r.stream());
                    made.request(player, ready, answer, reply);
                }
                case LiveRungs.Busy b -> reply.accept(HlsAnswer.busy("every transcode slot is taken: this stream's HLS"
                        + " needs one to become H.264/AAC", b.retryAfterSeconds()));
                case LiveRungs.NotLive n -> reply.accept(HlsAnswer.error(404, "stream " + name + " is not live"));
                case null -> {
                    log.warn("stream {}: no HLS: {}", name, err.getMessage());
                    reply.accept(HlsAnswer.busy("HLS for this stream cannot start now", 5));
                }
            }
        });
    }

    /**
     * The session of stream {@code name}, reading {@code from} (the stream itself, or its H.264 rung); a rung's
     * session stops after a short idle time, so that the transcode stops soon after the last HLS viewer has gone.
     */
    private HlsSession session(String name, LiveStream from) {
        return sessions.computeIfAbsent(name, n -> {
            HlsSession[] self = new HlsSession[1];
            Duration idle = from.name().equals(name) ? config.idle() : RUNG_IDLE;
            self[0] = HlsSession.open(vertx, n, from, config, idle, spool, () -> sessions.remove(n, self[0]));
            return self[0];
        });
    }
}
