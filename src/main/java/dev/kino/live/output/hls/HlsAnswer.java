package dev.kino.live.output.hls;

/**
 * What an HLS request gets: a body (in memory, or a file on disk) with its type, or an error status with a message
 * for the client.
 *
 * @param media whether the body is a segment, a part or an init segment (it never changes: cacheable for long)
 */
public record HlsAnswer(int status, String contentType, byte[] body, java.nio.file.Path file, boolean media, String message) {
    static HlsAnswer playlist(String text) {
        return new HlsAnswer(200, "application/vnd.apple.mpegurl", text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null, false, null);
    }

    static HlsAnswer media(String contentType, byte[] body) {
        return new HlsAnswer(200, contentType, body, null, true, null);
    }

    static HlsAnswer file(String contentType, java.nio.file.Path file) {
        return new HlsAnswer(200, contentType, null, file, true, null);
    }

    static HlsAnswer error(int status, String message) {
        return new HlsAnswer(status, null, null, null, false, message);
    }
}
