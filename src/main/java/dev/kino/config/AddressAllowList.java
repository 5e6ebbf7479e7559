package dev.kino.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Addresses and CIDR ranges (IPv4 or IPv6) a listener accepts; an empty list accepts everyone. Pure. */
public final class AddressAllowList {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AddressAllowList(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * The comma-separated list config key {@code key} holds ({@code live.tcp-allow}, {@code live.rtmp-allow});
     * blank entries are ignored, and an entry that is no address or range is a {@link ConfigException} naming the key.
     */
    static AddressAllowList configured(String key, String commaSeparated) {
        List<String> entries = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.trim());
            }
        }
        try {
            return parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    /** Parses entries such as {@code 127.0.0.1}, {@code 10.0.0.0/8} or {@code fd00::/8}; names are refused. */
    public static AddressAllowList parse(List<String> entries) {
        List<Range> out = new ArrayList<>();
        for (String e : entries) {
            String[] parts = e.split("/", -1);
            if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR range");
            }
            byte[] addr;
            try {
                addr = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup happens
            } catch (UnknownHostException ex) {
                throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR range");
            }
            int bits = addr.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException ex) {
                    bits = -1;
                }
                if (bits < 0 || bits > addr.length * 8) {
                    throw new IllegalArgumentException("'" + e + "': prefix length must be 0.." + addr.length * 8);
                }
            }
            out.add(new Range(addr, bits));
        }
        return new AddressAllowList(List.copyOf(out));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether an address (a literal such as Vert.x's {@code hostAddress()}) may connect. */
    public boolean allows(String address) {
        if (ranges.isEmpty()) {
            return true;
        }
        if (address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(addr)) {
                return true;
            }
        }
        return false;
    }
}
