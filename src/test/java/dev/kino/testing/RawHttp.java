package dev.kino.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Sends exactly the bytes given (no client-side normalisation) and reads one response, for hostile-input tests. */
public final class RawHttp {
    /** A response: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private RawHttp() {}

    public static Response send(int port, String requestHead) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s.getInputStream(), requestHead.startsWith("HEAD "));
        }
    }

    public static Response get(int port, String rawTarget, String cookie) throws IOException {
        return send(port, "GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n");
    }

    /**
     * Sends {@code requestHead} and returns only the status code, without waiting for a body: for responses that
     * stream without end (a live stream, a WebSocket's 101).
     */
    public static int status(int port, String requestHead) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String[] parts = line(s.getInputStream()).split(" ", 3);
            if (parts.length < 2) {
                throw new IOException("no status line");
            }
            return Integer.parseInt(parts[1]);
        }
    }

    /** The head of a WebSocket upgrade request for {@code rawTarget}. */
    public static String upgradeHead(String rawTarget) {
        return "GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** The head of a plain GET for {@code rawTarget}. */
    public static String getHead(String rawTarget) {
        return "GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("no status line: '" + statusLine + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        int status = Integer.parseInt(parts[1]);
        byte[] body;
        if (head || status == 304) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
