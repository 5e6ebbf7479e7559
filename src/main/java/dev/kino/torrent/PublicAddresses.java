package dev.kino.torrent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses are on the public internet, for deciding whether a tracker named by a torrent may be asked. Not
 * public: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127/8}, {@code ::1}), private ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}, the old site-local {@code fec0::/10}), CGNAT
 * ({@code 100.64/10}), link-local ({@code 169.254/16}, {@code fe80::/10}), multicast ({@code 224/4},
 * {@code ff00::/8}) and reserved and broadcast ({@code 240/4}). An IPv6 address that carries an IPv4 one (mapped
 * {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged
 * by that IPv4 address. Pure, but for the resolver it is given.
 */
final class PublicAddresses {
    /** Name → addresses; {@link InetAddress#getAllByName} in production, a lambda in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** IPv4 ranges that are not public, as {base, prefix length}. */
    private static final int[][] NON_PUBLIC_V4 = {
        {ipv4(0, 0, 0, 0), 8}, {ipv4(10, 0, 0, 0), 8}, {ipv4(100, 64, 0, 0), 10}, {ipv4(127, 0, 0, 0), 8},
        {ipv4(169, 254, 0, 0), 16}, {ipv4(172, 16, 0, 0), 12}, {ipv4(192, 168, 0, 0), 16}, {ipv4(224, 0, 0, 0), 4},
        {ipv4(240, 0, 0, 0), 4},
    };

    private PublicAddresses() {}

    static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return isPublicV4(b, 0);
        }
        int v4 = embeddedV4Offset(b);
        return v4 >= 0 ? isPublicV4(b, v4) : isPublicV6(b);
    }

    /**
     * The first address {@code host} resolves to that is not public, or empty if all are (an IP literal is taken as
     * it is, without a lookup).
     */
    static Optional<InetAddress> firstNonPublic(String host, Resolver resolver) throws UnknownHostException {
        for (InetAddress a : resolver.resolve(host)) {
            if (!isPublic(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int a = ipv4(b[at] & 0xff, b[at + 1] & 0xff, b[at + 2] & 0xff, b[at + 3] & 0xff);
        for (int[] range : NON_PUBLIC_V4) {
            int mask = -1 << (32 - range[1]);
            if ((a & mask) == range[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        boolean ula = (first & 0xfe) == 0xfc;
        boolean linkOrSiteLocal = first == 0xfe && (second & 0x80) == 0x80; // fe80::/10 and fec0::/10
        boolean multicast = first == 0xff;
        return !(ula || linkOrSiteLocal || multicast);
    }

    /** Where the IPv4 address inside an IPv6 one starts, or -1 if it carries none ({@code ::} and {@code ::1} do). */
    private static int embeddedV4Offset(byte[] b) {
        if (zero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || zero(b, 10, 12))) {
            return 12; // ::ffff:a.b.c.d mapped, ::a.b.c.d compatible (so :: is 0.0.0.0 and ::1 is 0.0.0.1)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && zero(b, 4, 12)) {
            return 12; // NAT64 64:ff9b::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return 2; // 6to4 2002:aabb:ccdd::
        }
        return -1;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
