package dev.kino.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Raw requests with a session, and the checks of a 206 against the bytes the server should be serving. */
public record RangeClient(int port, String cookie, byte[] whole, String contentType) {

    public RawHttp.Response request(String method, String target, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " + cookie + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return RawHttp.send(port, b.append("\r\n").toString());
    }

    public byte[] slice(long start, long endInclusive) {
        return Arrays.copyOfRange(whole, (int) start, (int) endInclusive + 1);
    }

    public void assertRange(RawHttp.Response r, long start, long end) {
        assertEquals(206, r.status(), "status for " + start + "-" + end);
        assertEquals("bytes " + start + "-" + end + "/" + whole.length, r.headers().get("content-range"));
        assertEquals(String.valueOf(end - start + 1), r.headers().get("content-length"));
        assertEquals(contentType, r.headers().get("content-type"));
        assertArrayEquals(slice(start, end), r.body());
    }

    /** A plain GET: 200, every byte, Accept-Ranges and no Content-Range; returned for further checks. */
    public RawHttp.Response checkFull(String target) throws IOException {
        RawHttp.Response r = request("GET", target);
        assertEquals(200, r.status());
        assertArrayEquals(whole, r.body());
        assertEquals(String.valueOf(whole.length), r.headers().get("content-length"));
        assertEquals("bytes", r.headers().get("accept-ranges"));
        assertEquals(contentType, r.headers().get("content-type"));
        assertFalse(r.headers().containsKey("content-range"));
        return r;
    }

    /** {@code a-b}, {@code a-}, suffix, clamped ends, a last byte and a spaced unit name: each a 206 of exactly those bytes. */
    public void checkSingleRanges(String target) throws IOException {
        long size = whole.length;
        assertRange(request("GET", target, "Range: bytes=0-99"), 0, 99);
        assertRange(request("GET", target, "Range: bytes=1000-"), 1000, size - 1);
        assertRange(request("GET", target, "Range: bytes=-500"), size - 500, size - 1);
        assertRange(request("GET", target, "Range: bytes=100-999999999999"), 100, size - 1);
        assertRange(request("GET", target, "Range: bytes=-99999999"), 0, size - 1);
        assertRange(request("GET", target, "Range: bytes=" + (size - 1) + "-" + (size - 1)), size - 1, size - 1);
        assertRange(request("GET", target, "Range: BYTES = 5-9"), 5, 9);
    }

    /** Ranges past the end: 416 with {@code Content-Range: bytes *}{@code /size} and a JSON error. */
    public void checkUnsatisfiable(String target) throws IOException {
        for (String range : new String[] {"bytes=" + whole.length + "-", "bytes=-0", "bytes=99999999-99999999", "bytes=-0,99999999-"}) {
            RawHttp.Response r = request("GET", target, "Range: " + range);
            assertEquals(416, r.status(), range);
            assertEquals("bytes */" + whole.length, r.headers().get("content-range"), range);
            assertTrue(r.bodyText().contains("\"error\""), range);
        }
    }

    /** A Range header that is not a valid range set is ignored: 200 and everything. */
    public void checkMalformedIgnored(String target) throws IOException {
        for (String range : new String[] {"bytes=abc", "bytes=5-1", "items=0-5", "bytes=", "bytes=--5", "0-5", "bytes=1-2-3"}) {
            RawHttp.Response r = request("GET", target, "Range: " + range);
            assertEquals(200, r.status(), range);
            assertArrayEquals(whole, r.body(), range);
        }
    }

    /** Three ranges as multipart/byteranges, framed exactly; overlapping and adjacent ones coalesced. */
    public void checkMultipart(String target) throws IOException {
        RawHttp.Response r = request("GET", target, "Range: bytes=0-9, 100-199, -10");
        assertEquals(206, r.status());
        String type = r.headers().get("content-type");
        assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
        assertEquals(String.valueOf(r.body().length), r.headers().get("content-length"));
        Map<String, byte[]> parts = parseMultipart(r.body(), type.substring(type.indexOf('=') + 1));
        long size = whole.length;
        assertEquals(3, parts.size());
        assertArrayEquals(slice(0, 9), parts.get("bytes 0-9/" + size));
        assertArrayEquals(slice(100, 199), parts.get("bytes 100-199/" + size));
        assertArrayEquals(slice(size - 10, size - 1), parts.get("bytes " + (size - 10) + "-" + (size - 1) + "/" + size));

        RawHttp.Response merged = request("GET", target, "Range: bytes=50-99,0-60,200-299,300-310");
        String mergedType = merged.headers().get("content-type");
        Map<String, byte[]> two = parseMultipart(merged.body(), mergedType.substring(mergedType.indexOf('=') + 1));
        assertEquals(2, two.size(), "0-60 and 50-99 merge; 200-299 and 300-310 are adjacent and merge");
        assertArrayEquals(slice(0, 99), two.get("bytes 0-99/" + size));
        assertArrayEquals(slice(200, 310), two.get("bytes 200-310/" + size));
        assertRange(request("GET", target, "Range: bytes=0-10,5-20"), 0, 20);
    }

    /** HEAD answers with the status and headers GET would, and no body. */
    public void checkHeadMatchesGet(String target) throws IOException {
        String[][] cases = {{}, {"Range: bytes=0-99"}, {"Range: bytes=0-9,20-29"}, {"Range: bytes=-0"}, {"If-Match: \"x\""}};
        for (String[] headers : cases) {
            RawHttp.Response g = request("GET", target, headers);
            RawHttp.Response h = request("HEAD", target, headers);
            assertEquals(g.status(), h.status(), Arrays.toString(headers));
            assertEquals(g.headers(), h.headers(), Arrays.toString(headers));
            assertEquals(0, h.body().length);
        }
    }

    public static Map<String, byte[]> parseMultipart(byte[] body, String boundary) {
        Map<String, byte[]> parts = new HashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertTrue(text.startsWith(delimiter + "\r\n") || text.startsWith("\r\n" + delimiter + "\r\n"), "body starts with a delimiter");
        assertTrue(text.endsWith("\r\n" + delimiter + "--\r\n"), "body ends with the close delimiter");
        int pos = text.indexOf(delimiter);
        while (true) {
            int headStart = pos + delimiter.length();
            if (text.startsWith("--", headStart)) {
                break;
            }
            int headEnd = text.indexOf("\r\n\r\n", headStart);
            String head = text.substring(headStart + 2, headEnd);
            String contentRange = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-range:")) {
                    contentRange = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            int next = text.indexOf("\r\n" + delimiter, headEnd + 4);
            parts.put(contentRange, Arrays.copyOfRange(body, headEnd + 4, next));
            pos = next + 2;
        }
        return parts;
    }
}
