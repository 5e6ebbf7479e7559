package dev.kino.live.ingest.rtmp;

import dev.kino.container.ParseException;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import dev.kino.live.ingest.rtmp.protocol.ChunkDecoder;
import dev.kino.live.ingest.rtmp.protocol.RtmpServerSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP connection on its event loop: the protocol session ({@link RtmpServerSession}) turns bytes into
 * commands and media; a {@code publish} is checked (name, key, no other publisher) and then its audio, video and
 * data messages go, as FLV tags, into a {@link PublisherSession}. A refusal is an {@code onStatus} error the encoder
 * shows, logged with the address. Input that cannot be read, a publisher that stalls or never publishes, ends the
 * connection with a logged reason; the server and other streams carry on.
 */
final class RtmpConnection implements RtmpServerSession.Events {
    private static final Logger log = LoggerFactory.getLogger(RtmpConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The onStatus codes of a refusal: a name that cannot be published (unknown, taken), or a key that does not fit. */
    private static final String BAD_NAME = "NetStream.Publish.BadName";
    private static final String DENIED = "NetStream.Publish.Denied";

    private final Vertx vertx;
    private final Context context;
    private final NetSocket socket;
    private final StreamHub hub;
    private final StreamDirectory directory;
    private final String id;
    private final RtmpIngestServer.Timeouts timeouts;
    private final RtmpServerSession session;
    private PublisherSession publisher;
    private boolean asked; // a publish is being checked or has been answered
    private boolean closed;
    private long lastInputNanos = System.nanoTime();
    private long timer;

    RtmpConnection(Vertx vertx, NetSocket socket, StreamHub hub, StreamDirectory directory, String id,
                   RtmpIngestServer.Timeouts timeouts, ChunkDecoder.Limits limits) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.socket = socket;
        this.hub = hub;
        this.directory = directory;
        this.id = id;
        this.timeouts = timeouts;
        this.session = new RtmpServerSession(this, limits, RANDOM);
    }

    void start() {
        socket.handler(this::received);
        socket.closeHandler(v -> {
            stopWatching();
            endPublisher("publisher disconnected");
        });
        long started = System.nanoTime();
        timer = vertx.setPeriodic(1000, t -> watch(started));
    }

    private void received(Buffer buf) {
        lastInputNanos = System.nanoTime();
        byte[] bytes = buf.getBytes();
        try {
            session.feed(bytes, 0, bytes.length);
        } catch (ParseException e) {
            close((e.isMalformed() ? "malformed" : "unsupported") + " RTMP: " + e.getMessage());
        }
    }

    /** Ends a connection that sends nothing for the read timeout, or that has not asked to publish in time. */
    private void watch(long startedNanos) {
        long now = System.nanoTime();
        if (now - lastInputNanos > timeouts.read().toNanos()) {
            close("stalled: nothing received for " + timeouts.read().toSeconds() + " s");
        } else if (!asked && now - startedNanos > timeouts.publish().toNanos()) {
            close("no publish within " + timeouts.publish().toSeconds() + " s of connecting");
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (!closed) {
            socket.write(Buffer.buffer(bytes));
        }
    }

    @Override
    public void publishRequested(String app, String name, String query) {
        asked = true; // the session itself refuses a second publish on one connection
        PublishTarget target;
        try {
            target = PublishTarget.of(app, name, query);
        } catch (PublishTarget.Refused e) {
            refuse(name, BAD_NAME, e.getMessage());
            return;
        }
        socket.pause(); // nothing more is read until the publish is answered
        vertx.executeBlocking(() -> directory.check(target.stream(), target.key()), false).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("rtmp {}: cannot check the key of stream {}: {}", id, target.stream(), ar.cause().toString());
                refuse(target.stream(), DENIED, "the server cannot check stream keys now; try again");
            } else if (ar.result() == StreamDirectory.KeyCheck.UNKNOWN_STREAM) {
                refuse(target.stream(), BAD_NAME, "no stream named " + target.stream() + ": create it on the /live page first");
            } else if (ar.result() == StreamDirectory.KeyCheck.WRONG_KEY) {
                refuse(target.stream(), DENIED, target.key() == null ? "missing stream key: use NAME?key=KEY" : "wrong stream key");
            } else {
                claim(target.stream());
            }
        });
    }

    private void claim(String stream) {
        Future.fromCompletionStage(PublisherSession.claim(hub, stream, id, "rtmp", Optional.of(ContainerFormat.FLV)), context)
                .onComplete(ar -> {
                    if (ar.failed() || ar.result().isEmpty()) {
                        refuse(stream, BAD_NAME, "stream " + stream + " already has a publisher");
                        return;
                    }
                    PublisherSession s = ar.result().get();
                    if (closed) { // the publisher left while the claim was being answered
                        s.end("publisher disconnected");
                        return;
                    }
                    publisher = s;
                    session.acceptPublish();
                    feedPublisher(FlvTags.header());
                    socket.resume();
                });
    }

    private void refuse(String stream, String code, String why) {
        log.warn("rtmp {}: refused publish of {}: {}", id, stream, why);
        session.refusePublish(code, why);
        socket.resume();
        if (!closed) {
            stopWatching();
            socket.end(); // after the refusal is written: the encoder shows it and stops
        }
    }

    @Override
    public void media(int typeId, long timestamp, byte[] payload) {
        if (publisher != null) {
            feedPublisher(FlvTags.tag(typeId, timestamp, payload));
        }
    }

    private void feedPublisher(byte[] flv) {
        ParseException e = publisher.feed(flv);
        if (e != null) { // the session has ended and logged why
            publisher = null;
            close("cannot read the stream: " + e.getMessage());
        }
    }

    @Override
    public void unpublished(String how) {
        endPublisher(how);
    }

    private void endPublisher(String how) {
        if (publisher != null) {
            publisher.end(how);
            publisher = null;
        }
    }

    /** The connection is over, or about to be: nothing more is sent, and its timeouts stop. */
    private void stopWatching() {
        closed = true;
        vertx.cancelTimer(timer);
    }

    private void close(String reason) {
        if (closed) {
            return;
        }
        log.warn("rtmp {}: closed: {}", id, reason);
        endPublisher("connection ended: " + reason);
        stopWatching();
        socket.close();
    }
}
