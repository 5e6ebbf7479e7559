package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The server side of the simple (digest-less) RTMP handshake, as a state machine over the bytes received.
 *
 * <p>When C0 and C1 (1 + 1536 bytes) are in, {@link #feed} returns S0 (version 3), S1 (time 0, four zero bytes,
 * 1528 random bytes) and S2 (C1 echoed verbatim) to send. Then it waits for C2, whose contents are not checked
 * (clients differ); once C2 is in, {@link #done()} is true and {@link #leftover()} holds whatever followed it,
 * the start of the chunk stream. Clients that offer the digest form accept this answer: ffmpeg and OBS do not check
 * digests when S1's version bytes are zero.
 *
 * <p>Only RTMP version 3 is served; any other C0 is refused as unsupported as soon as it arrives. After a
 * {@link ParseException} every call fails again.
 */
public final class ServerHandshake {
    /** The length of C1, C2, S1 and S2. */
    public static final int PACKET_LENGTH = 1536;
    public static final int VERSION = 3;

    private enum State { C0_C1, C2, DONE, FAILED }

    private final RandomGenerator random;
    private final byte[] c0c1 = new byte[1 + PACKET_LENGTH];
    private int received;
    private State state = State.C0_C1;
    private byte[] leftover = new byte[0];
    private ParseException failure;

    public ServerHandshake(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Consumes received bytes; returns the bytes to send now (empty if none).
     *
     * @throws IllegalStateException if the handshake is already {@link #done()}: later bytes belong to the chunk stream
     */
    public byte[] feed(byte[] data, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, data.length);
        if (state == State.FAILED) {
            throw failure.isMalformed() ? ParseException.malformed(failure.getMessage())
                    : ParseException.unsupported(failure.getMessage());
        }
        if (state == State.DONE) {
            throw new IllegalStateException("the handshake is done: feed the chunk stream instead");
        }
        byte[] reply = new byte[0];
        int end = off + len;
        if (state == State.C0_C1 && off < end) {
            int n = Math.min(end - off, c0c1.length - received);
            System.arraycopy(data, off, c0c1, received, n);
            if (received == 0) {
                checkVersion(c0c1[0] & 0xFF);
            }
            received += n;
            off += n;
            if (received == c0c1.length) {
                reply = reply();
                state = State.C2;
                received = 0;
            }
        }
        if (state == State.C2 && off < end) {
            int n = Math.min(end - off, PACKET_LENGTH - received);
            received += n;
            off += n;
            if (received == PACKET_LENGTH) {
                state = State.DONE;
                leftover = Arrays.copyOfRange(data, off, end);
            }
        }
        return reply;
    }

    /** True once C2 has been received. */
    public boolean done() {
        return state == State.DONE;
    }

    /** The bytes received after C2 in the call that completed the handshake (a copy; empty before that). */
    public byte[] leftover() {
        return leftover.clone();
    }

    private void checkVersion(int version) throws ParseException {
        if (version == VERSION) {
            return;
        }
        String why = switch (version) {
            case 6, 8, 9 -> "RTMPE (encrypted RTMP) is not supported; use rtmp:// or put TLS in front";
            case 0x16 -> "this looks like a TLS handshake (rtmps://); terminate TLS in front of Kino";
            case 'G', 'P' -> "this looks like an HTTP request, not RTMP";
            default -> "only version 3 (plain RTMP) is supported";
        };
        failure = ParseException.unsupported("RTMP version " + version + ": " + why);
        state = State.FAILED;
        throw failure;
    }

    private byte[] reply() {
        byte[] out = new byte[1 + 2 * PACKET_LENGTH];
        out[0] = VERSION;
        // S1: time 0 and four zero bytes (the zero "version" tells digest-aware clients not to check), then random.
        byte[] noise = new byte[PACKET_LENGTH - 8];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, out, 9, noise.length);
        // S2: C1 echoed.
        System.arraycopy(c0c1, 1, out, 1 + PACKET_LENGTH, PACKET_LENGTH);
        return out;
    }
}
