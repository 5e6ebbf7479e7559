package dev.kino.http.range;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing of a {@code multipart/byteranges} body (RFC 9110 §14.6), computed up front so that the exact
 * Content-Length is known before any byte is sent. Pure.
 */
public record MultipartByteranges(String boundary, List<Part> parts, byte[] tail) {

    /** One part: its delimiter and headers, then {@code span} of the file. */
    public record Part(byte[] head, ByteRange.Span span) {}

    public static MultipartByteranges of(List<ByteRange.Span> spans, long size, String contentType, String boundary) {
        List<Part> parts = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            ByteRange.Span s = spans.get(i);
            String head = (i == 0 ? "" : "\r\n") + "--" + boundary + "\r\n"
                    + "Content-Type: " + contentType + "\r\n"
                    + "Content-Range: bytes " + s.start() + "-" + s.end() + "/" + size + "\r\n\r\n";
            parts.add(new Part(head.getBytes(StandardCharsets.US_ASCII), s));
        }
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return new MultipartByteranges(boundary, List.copyOf(parts), tail);
    }

    public String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    public long contentLength() {
        long n = tail.length;
        for (Part p : parts) {
            n += p.head().length + p.span().length();
        }
        return n;
    }
}
