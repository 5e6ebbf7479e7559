package dev.kino.transcode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a process's stderr until end of stream, splitting it into lines (at {@code \n} or {@code \r}, each cut at
 * {@link #MAX_LINE_BYTES}). Lines shaped like ffmpeg's {@code -progress} output ({@code key=value}) go to the
 * listener when there is one; every other line goes into a ring of the last {@code capacity} lines. Never blocks the
 * writer for long: the listener is called inline, so it must be quick.
 */
final class StderrDrainer implements Runnable {
    static final int MAX_LINE_BYTES = 4096;
    private static final Logger log = LoggerFactory.getLogger(StderrDrainer.class);
    private static final Pattern PROGRESS_LINE = Pattern.compile("[A-Za-z0-9_]+=.*");

    private final InputStream stderr;
    private final Consumer<String> progressListener;
    private final int capacity;
    private final Deque<String> ring;
    private boolean listenerFailed;

    StderrDrainer(InputStream stderr, Consumer<String> progressListener, int capacity) {
        this.stderr = stderr;
        this.progressListener = progressListener;
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
    }

    @Override
    public void run() {
        try (InputStream in = stderr) {
            drain(in);
        } catch (IOException e) {
            // the stream is closed under us only when the process is gone; nothing is lost but its last words
            log.debug("stderr read ended: {}", e.toString());
        }
    }

    /** The last lines that were not progress lines, oldest first. */
    List<String> lastLines() {
        synchronized (ring) {
            return List.copyOf(ring);
        }
    }

    private void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    emit(line);
                } else if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                }
            }
        }
        emit(line);
    }

    private void emit(ByteArrayOutputStream bytes) {
        if (bytes.size() == 0) {
            return;
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        if (progressListener != null && PROGRESS_LINE.matcher(line).matches()) {
            notifyListener(line);
            return;
        }
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(line);
        }
    }

    private void notifyListener(String line) {
        try {
            progressListener.accept(line);
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                log.warn("progress listener failed (further failures not logged)", e);
            }
        }
    }
}
