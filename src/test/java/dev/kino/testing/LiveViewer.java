package dev.kino.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A WebSocket viewer of {@code /live/NAME/ws} that keeps every message it gets, with its arrival time. */
public final class LiveViewer {
    /** One message: a String (text) or byte[] (binary), and when it arrived. */
    public record Message(Object body, long arrivalNanos) {
        public boolean text() {
            return body instanceof String;
        }
    }

    private final WebSocketClient client; // held: Vert.x closes a client that becomes unreachable
    private final WebSocket ws;
    private final List<Message> messages;

    private LiveViewer(WebSocketClient client, WebSocket ws, List<Message> messages) {
        this.client = client;
        this.ws = ws;
        this.messages = messages;
    }

    /** Connects and waits for the upgrade; {@code cookie} may be null. */
    public static LiveViewer connect(Vertx client, int port, String stream, String cookie) {
        List<Message> messages = new ArrayList<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/live/" + stream + "/ws");
        if (cookie != null) {
            options.addHeader("Cookie", cookie);
        }
        WebSocketClient wsClient = client.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20)
                .setMaxFrameSize(1 << 20));
        WebSocket ws = wsClient.connect(options)
                // handlers are set on the event loop as the connection completes, before any message is dispatched
                .onSuccess(w -> {
                    w.textMessageHandler(t -> add(messages, t));
                    w.binaryMessageHandler(b -> add(messages, b.getBytes()));
                })
                .await();
        return new LiveViewer(wsClient, ws, messages);
    }

    private static void add(List<Message> messages, Object body) {
        long now = System.nanoTime();
        synchronized (messages) {
            messages.add(new Message(body, now));
        }
    }

    public WebSocketClient client() {
        return client;
    }

    public WebSocket socket() {
        return ws;
    }

    /** A copy of what arrived so far. */
    public List<Message> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    /** The binary messages from index {@code from} on, joined. */
    public byte[] media(int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Message> all = messages();
        for (Message m : all.subList(Math.min(from, all.size()), all.size())) {
            if (!m.text()) {
                out.writeBytes((byte[]) m.body());
            }
        }
        return out.toByteArray();
    }

    /** Closes a test's Vert.x client; a close that does not finish in time is reported, not waited for (teardown only). */
    public static void closeClient(Vertx client) {
        try {
            client.close().await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("test Vert.x client did not close in 20 s: " + e);
        }
    }
}
