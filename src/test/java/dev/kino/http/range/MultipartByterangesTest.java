package dev.kino.http.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.http.range.ByteRange.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** multipart/byteranges framing, RFC 9110 §14.6. */
class MultipartByterangesTest {
    private static final byte[] FILE = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final String BOUNDARY = "kino3d6b6a416f9b";

    /** The body as the server sends it: each part's head then its bytes of the file, then the tail. */
    private static byte[] assemble(MultipartByteranges body, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartByteranges.Part part : body.parts()) {
            out.writeBytes(part.head());
            out.write(file, (int) part.span().start(), (int) part.span().length());
        }
        out.writeBytes(body.tail());
        return out.toByteArray();
    }

    @Test
    void twoSpansAreFramedExactly() {
        MultipartByteranges body = MultipartByteranges.of(
                List.of(new Span(0, 3), new Span(10, 12)), FILE.length, "video/mp4", BOUNDARY);

        String expected = "--kino3d6b6a416f9b\r\n"
                + "Content-Type: video/mp4\r\n"
                + "Content-Range: bytes 0-3/36\r\n"
                + "\r\n"
                + "0123"
                + "\r\n--kino3d6b6a416f9b\r\n"
                + "Content-Type: video/mp4\r\n"
                + "Content-Range: bytes 10-12/36\r\n"
                + "\r\n"
                + "abc"
                + "\r\n--kino3d6b6a416f9b--\r\n";
        byte[] bytes = assemble(body, FILE);
        assertEquals(expected, new String(bytes, StandardCharsets.US_ASCII));
        assertEquals(bytes.length, body.contentLength());
    }

    @Test
    void threeSpansAreFramedExactly() {
        MultipartByteranges body = MultipartByteranges.of(
                List.of(new Span(0, 0), new Span(5, 9), new Span(35, 35)), FILE.length, "audio/ogg", "XyZ");

        String expected = "--XyZ\r\nContent-Type: audio/ogg\r\nContent-Range: bytes 0-0/36\r\n\r\n"
                + "0"
                + "\r\n--XyZ\r\nContent-Type: audio/ogg\r\nContent-Range: bytes 5-9/36\r\n\r\n"
                + "56789"
                + "\r\n--XyZ\r\nContent-Type: audio/ogg\r\nContent-Range: bytes 35-35/36\r\n\r\n"
                + "z"
                + "\r\n--XyZ--\r\n";
        byte[] bytes = assemble(body, FILE);
        assertEquals(expected, new String(bytes, StandardCharsets.US_ASCII));
        assertEquals(bytes.length, body.contentLength());
    }

    @Test
    void partsKeepTheSpansInOrder() {
        List<Span> spans = List.of(new Span(1, 2), new Span(7, 20), new Span(30, 35));
        MultipartByteranges body = MultipartByteranges.of(spans, FILE.length, "video/webm", BOUNDARY);
        assertEquals(spans, body.parts().stream().map(MultipartByteranges.Part::span).toList());
    }

    @Test
    void contentLengthMatchesTheAssembledBodyForManySpans() {
        List<Span> spans = List.of(new Span(0, 1), new Span(3, 3), new Span(5, 8), new Span(10, 19), new Span(25, 35));
        MultipartByteranges body = MultipartByteranges.of(spans, FILE.length, "video/x-matroska", BOUNDARY);
        assertEquals(assemble(body, FILE).length, body.contentLength());
    }

    @Test
    void contentLengthOfHugeSpansDoesNotOverflowAnInt() {
        long size = 10L * 1024 * 1024 * 1024; // 10 GiB
        Span first = new Span(0, 3L * 1024 * 1024 * 1024 - 1);
        Span second = new Span(5L * 1024 * 1024 * 1024, size - 1);
        MultipartByteranges body = MultipartByteranges.of(List.of(first, second), size, "video/mp4", BOUNDARY);

        long framing = body.tail().length;
        for (MultipartByteranges.Part part : body.parts()) {
            framing += part.head().length;
        }
        assertEquals(first.length() + second.length() + framing, body.contentLength());
        assertTrue(new String(body.parts().get(1).head(), StandardCharsets.US_ASCII)
                .contains("Content-Range: bytes 5368709120-10737418239/10737418240\r\n"));
    }

    @Test
    void contentTypeNamesTheBoundary() {
        MultipartByteranges body = MultipartByteranges.of(
                List.of(new Span(0, 1), new Span(4, 5)), FILE.length, "video/mp4", BOUNDARY);
        assertEquals("multipart/byteranges; boundary=kino3d6b6a416f9b", body.contentType());
    }
}
