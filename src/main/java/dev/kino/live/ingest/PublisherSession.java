package dev.kino.live.ingest;

import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import dev.kino.live.hub.IngestMemory;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher's bytes into a stream it has claimed, whatever carries them (raw TCP, an HTTP body, WebSocket
 * messages): parse as they come, end the session on input that cannot be read, flush and release the stream when
 * the input ends. Every ending is logged once with the stream and the publisher. Not thread-safe: call from the
 * connection's own thread.
 */
public final class PublisherSession {
    private static final Logger log = LoggerFactory.getLogger(PublisherSession.class);

    private final LiveStream stream;
    private final String who;
    private final ContainerParser parser;
    private final ParserToHub toHub;
    private final IngestMemory memory;
    private final long maxFragmentBytes;
    private long pending; // bytes fed since the last unit went to the stream: about what the parser holds
    private long reserved; // of the hub's ingest memory, for those bytes
    private boolean ended;

    /**
     * The one claim-and-publish step of every ingest: claims stream {@code name} for {@code who} and opens its
     * session, with the declared container's parser or, when none is declared, one that detects it. Empty when the
     * stream already has a publisher; both outcomes are logged with the stream and the publisher. Never waits: the
     * answer completes on the stream's owner, so callers on an event loop hop back to their context.
     */
    public static CompletableFuture<Optional<PublisherSession>> claim(StreamHub hub, String name, String who,
                                                                     String protocol, Optional<ContainerFormat> format) {
        LiveStream stream = hub.stream(name);
        return stream.claimAsync(who, protocol, System.nanoTime()).thenApply(claimed -> {
            if (!claimed) {
                log.warn("stream {}: refused publisher {}: it already has one", name, who);
                return Optional.empty();
            }
            log.info("stream {}: publishing from {}{}", name, who, format.map(f -> " (" + f + ")").orElse(""));
            return Optional.of(new PublisherSession(hub, stream, who, format));
        });
    }

    /** @param stream a stream {@code who} has claimed */
    private PublisherSession(StreamHub hub, LiveStream stream, String who, Optional<ContainerFormat> format) {
        this.stream = stream;
        this.who = who;
        this.toHub = new ParserToHub(stream, who);
        this.parser = AutoDetectParser.forFormat(format, toHub);
        this.memory = hub.ingestMemory();
        this.maxFragmentBytes = hub.maxFragmentBytes();
    }

    public LiveStream stream() {
        return stream;
    }

    /**
     * Parses the next bytes. Returns the reason if they cannot be read: the session has then ended (logged, stream
     * released) and the caller closes the connection. Bytes after the end are ignored.
     */
    public ParseException feed(byte[] bytes) {
        if (ended) {
            return null;
        }
        if (pending + bytes.length > maxFragmentBytes) {
            return fail(ParseException.unsupported("a fragment (WebM Cluster, fMP4 moof + mdat or FLV tag) larger than "
                    + mib(maxFragmentBytes) + " (live.max-fragment-mib): publish with shorter fragments"));
        }
        if (!memory.reserve(bytes.length)) {
            return fail(ParseException.unsupported("the server holds " + mib(memory.limit()) + " of publishers' unfinished"
                    + " fragments already (live.ingest-mib): try again later"));
        }
        reserved += bytes.length;
        pending += bytes.length;
        long before = toHub.units();
        try {
            parser.feed(bytes, 0, bytes.length);
        } catch (ParseException e) {
            return fail(e);
        }
        if (toHub.units() != before) { // a unit went out: what came before it is no longer held here
            releaseMemory();
        }
        return null;
    }

    private ParseException fail(ParseException e) {
        ended = true;
        releaseMemory();
        stream.release(who, System.nanoTime());
        log.warn("stream {}: closed {}: {} input: {}", stream.name(), who, e.isMalformed() ? "malformed" : "unsupported",
                e.getMessage());
        return e;
    }

    private void releaseMemory() {
        memory.release(reserved);
        reserved = 0;
        pending = 0;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** The input ended ({@code how}: "publisher finished", "publisher disconnected"): flush, release, log. Idempotent. */
    public void end(String how) {
        if (ended) {
            return;
        }
        ended = true;
        releaseMemory();
        try {
            parser.endOfInput();
        } catch (ParseException e) {
            log.info("stream {}: {} ended mid-element: {}", stream.name(), who, e.getMessage());
        }
        stream.release(who, System.nanoTime());
        log.info("stream {}: closed {}: {}", stream.name(), who, how);
    }
}
