package dev.kino.live.output.hls;

/**
 * What an HLS request gets: a body (in memory, or a file on disk) with its type, or an error status with a message
 * for the client.
 *
 * @param media whether the body is a segment, a part or an init segment (it never changes: cacheable for long)
 */
public record HlsAnswer(int status, String contentType, byte[] body, java.nio.file.Path file, boolean media, String message,
                        int retryAfterSeconds) {
    static HlsAnswer playlist(byte[] utf8) {
        return new HlsAnswer(200, "application/vnd.apple.mpegurl", utf8, null, false, null, 0);
    }

    static HlsAnswer media(String contentType, byte[] body) {
        return new HlsAnswer(200, contentType, body, null, true, null, 0);
    }

    static HlsAnswer file(String contentType, java.nio.file.Path file) {
        return new HlsAnswer(200, contentType, null, file, true, null, 0);
    }

    static HlsAnswer error(int status, String message) {
        return new HlsAnswer(status, null, null, null, false, message, status == 503 ? 1 : 0);
    }

    /** 503 with the time after which to try again. */
    static HlsAnswer busy(String message, int retryAfterSeconds) {
        return new HlsAnswer(503, null, null, null, false, message, retryAfterSeconds);
    }
}
