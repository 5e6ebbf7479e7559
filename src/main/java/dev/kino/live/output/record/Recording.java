package dev.kino.live.output.record;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's recording: a reader of the hub like any viewer, on a virtual thread of its own, so its file writes
 * never hold up the publisher, the stream's owner or an event loop (a disk slower than the stream makes the hub skip
 * this reader ahead, as it does a slow viewer). Units are written as they come; each init segment starts a new piece
 * (a publisher that came back, with its timestamps starting again), and one whose MIME type (container and codecs)
 * differs from the recording's also starts a new recording. It ends when the stream ends (its grace period over with
 * no publisher), when it is stopped, or when a write fails (what was written is then kept as it is, not joined: the
 * disk is likely full); its folder then goes to be finished.
 */
final class Recording {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final LiveRecorder recorder;
    private final LiveStream stream;
    private final long notBeforeNanos;
    private final String readerId = "recorder-" + IDS.incrementAndGet();
    private final Semaphore wakeup = new Semaphore(0);
    private volatile boolean stopped;
    private volatile boolean joined;
    private volatile boolean ending;
    private Thread thread;
    // the recording thread's alone:
    private RecordingFolder folder;
    private String folderMimeType;
    private MediaUnit pendingInit;
    private WritableByteChannel piece;

    /** @param notBeforeNanos units that reached the hub before this (a previous session's, still cached) are not recorded */
    Recording(LiveRecorder recorder, LiveStream stream, long notBeforeNanos) {
        this.recorder = recorder;
        this.stream = stream;
        this.notBeforeNanos = notBeforeNanos;
    }

    void start() {
        thread = Thread.ofVirtual().name("recorder " + stream.name()).start(this::run);
    }

    LiveStream stream() {
        return stream;
    }

    /** True while it reads the stream (for the API; a recording that is starting or has ended is not). */
    boolean running() {
        return joined && !ending;
    }

    /** True once it has stopped reading: a new recording may take its place. */
    boolean ending() {
        return ending;
    }

    /** Stops reading; what was written is finished. Never waits. */
    void stop() {
        stopped = true;
        wakeup.release();
    }

    /** Waits up to {@code millis} for the recording thread to end. */
    boolean join(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(millis));
    }

    private void run() {
        String error = null;
        try {
            ReaderQueue q = subscribe();
            while (true) {
                MediaUnit u = q.poll();
                if (u != null) {
                    take(u); // what is queued is written, even once stopped: it is at most the queue's budget
                } else if (stopped) {
                    break;
                } else if (q.isClosed()) {
                    if (!recorder.stillLive(stream)) {
                        break; // the stream has ended
                    }
                    log.info("stream {}: the recording fell behind and was dropped; it joins again", stream.name());
                    q = subscribe();
                } else {
                    wakeup.tryAcquire(1, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            error = reason(e);
            log.warn("stream {}: recording stopped: cannot write {}: {} (the stream goes on)", stream.name(), folder, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            error = e.toString();
            log.warn("stream {}: recording stopped: {}", stream.name(), error, e);
        } finally {
            ending = true;
            stream.unsubscribe(readerId);
            closePiece();
            recorder.ended(this, folder, error);
        }
    }

    /** What went wrong, for the API: the system's reason ("No space left on device"), never a server path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private ReaderQueue subscribe() {
        ReaderQueue q = stream.subscribeUncounted(readerId, wakeup::release, System.nanoTime());
        joined = true;
        return q;
    }

    private void take(MediaUnit u) throws IOException {
        if (u.arrivalNanos() < notBeforeNanos) {
            return;
        }
        if (u.init()) {
            closePiece();
            if (folder != null && !u.mimeType().equals(folderMimeType)) {
                log.info("stream {}: the publisher now sends {} (was {}): a new recording", stream.name(), u.mimeType(), folderMimeType);
                recorder.finish(folder, true);
                folder = null;
            }
            pendingInit = u;
            return;
        }
        if (piece == null) {
            if (pendingInit == null) {
                return; // media with no init segment before it: nothing could play it
            }
            openPiece();
        }
        write(u.data());
    }

    /** A piece is made with its first fragment, so a session that sent only an init segment leaves no file. */
    private void openPiece() throws IOException {
        if (folder == null) {
            folder = recorder.newFolder(stream.name());
            folderMimeType = pendingInit.mimeType();
            log.info("stream {}: recording into {} ({})", stream.name(), folder, folderMimeType);
        }
        String ext = folderMimeType.contains("webm") ? "webm" : "mp4";
        piece = recorder.storage().create(folder.nextPiece(ext));
        write(pendingInit.data());
        pendingInit = null;
    }

    private void write(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            piece.write(b);
        }
    }

    private void closePiece() {
        if (piece == null) {
            return;
        }
        try {
            piece.close();
        } catch (IOException e) {
            log.debug("stream {}: closing a piece of {}: {}", stream.name(), folder, e.toString());
        }
        piece = null;
    }
}
