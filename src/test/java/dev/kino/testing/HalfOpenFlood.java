package dev.kino.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slowloris on loopback: connections from one source address (any of 127.0.0.0/8) that each send the start of a
 * request line and then at most a byte now and then, never a whole head. Counts how many the server still holds.
 */
public final class HalfOpenFlood implements AutoCloseable {
    private final Selector selector;
    private final List<SocketChannel> open = new ArrayList<>();
    private final ByteBuffer sink = ByteBuffer.allocate(4096);
    private int attempted;

    private HalfOpenFlood() throws IOException {
        selector = Selector.open();
    }

    /** Opens up to {@code count} connections from {@code from} to {@code port}, stopping at {@code bound}. */
    public static HalfOpenFlood open(int port, String from, int count, Duration bound) throws IOException {
        HalfOpenFlood f = new HalfOpenFlood();
        long end = System.nanoTime() + bound.toNanos();
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        byte[] start = "GET /healthz HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1);
        for (; f.attempted < count && System.nanoTime() < end; f.attempted++) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0); // close with a reset: no TIME_WAIT left on loopback
                ch.bind(new InetSocketAddress(from, 0));
                ch.socket().connect(server, 2000);
                ch.write(ByteBuffer.wrap(start));
                ch.configureBlocking(false);
                ch.register(f.selector, SelectionKey.OP_READ, ch);
                f.open.add(ch);
            } catch (IOException e) { // the server closed it before the write: counted as not held
                ch.close();
            }
        }
        return f;
    }

    public int attempted() {
        return attempted;
    }

    /** The connections the server has not closed (nor answered): each closed one reads end of stream. */
    public int held() throws IOException {
        selector.selectNow();
        for (SelectionKey k : selector.selectedKeys()) {
            SocketChannel ch = (SocketChannel) k.attachment();
            int n;
            try {
                sink.clear();
                n = ch.read(sink);
            } catch (IOException e) {
                n = -1;
            }
            if (n != 0) { // closed, or answered: not a connection held half-open any more
                k.cancel();
                ch.close();
                open.remove(ch);
            }
        }
        selector.selectedKeys().clear();
        return open.size();
    }

    /** Sends one more byte of the request head on every connection still open. */
    public void trickle() {
        for (SocketChannel ch : List.copyOf(open)) {
            try {
                ch.write(ByteBuffer.wrap(new byte[] {'s'}));
            } catch (IOException e) {
                // closed by the server: held() drops it
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel ch : open) {
            ch.close();
        }
        selector.close();
    }
}
