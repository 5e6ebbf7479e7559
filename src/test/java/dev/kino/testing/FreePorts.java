package dev.kino.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A TCP port free on loopback right now, for a server a test is about to start there. */
public final class FreePorts {
    private FreePorts() {}

    public static int loopback() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
