package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The address classifier that decides which trackers may be asked: IPv4, IPv6, IPv4 inside IPv6, and names. */
class PublicAddressesTest {

    @Test
    void ipv4() throws Exception {
        for (String a : List.of("0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255",
                "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "169.254.169.254", "100.64.0.1",
                "100.127.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255")) {
            assertFalse(PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : List.of("1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
                "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
                "192.167.255.255", "192.169.0.0", "223.255.255.255", "93.184.216.34")) {
            assertTrue(PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void ipv6() throws Exception {
        for (String a : List.of("::", "::1", "fe80::1", "febf:ffff::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
                "ff0e::fb")) {
            assertFalse(PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : List.of("2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450::1", "fe7f::1", "fb00::1",
                "::2:0:0:1")) {
            assertTrue(PublicAddresses.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void ipv4InsideIpv6IsJudgedAsIpv4() throws Exception {
        // mapped addresses kept as Inet6Address (InetAddress.getByName would turn them into Inet4Address)
        for (String hex : List.of("00000000000000000000ffff7f000001", "00000000000000000000ffff0a000001",
                "00000000000000000000ffffa9fea9fe", "0000000000000000000000007f000001", "0064ff9b0000000000000000c0a80001",
                "2002c0a8010100000000000000000001", "00000000000000000000ffffffffffff")) {
            assertFalse(PublicAddresses.isPublic(v6(hex)), hex);
        }
        for (String hex : List.of("00000000000000000000ffff08080808", "0064ff9b000000000000000008080808",
                "20020808080800000000000000000001")) {
            assertTrue(PublicAddresses.isPublic(v6(hex)), hex);
        }
        assertFalse(PublicAddresses.isPublic(InetAddress.getByName("::ffff:127.0.0.1")));
        assertFalse(PublicAddresses.isPublic(InetAddress.getByName("::ffff:192.168.1.1")));
        assertTrue(PublicAddresses.isPublic(InetAddress.getByName("::ffff:1.1.1.1")));
    }

    private static InetAddress v6(String hex) throws UnknownHostException {
        InetAddress a = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
        assertEquals(Inet6Address.class, a.getClass());
        return a;
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsNotPublic() throws Exception {
        InetAddress google = InetAddress.getByName("8.8.8.8");
        InetAddress inside = InetAddress.getByName("10.0.0.7");
        PublicAddresses.Resolver dns = host -> switch (host) {
            case "tracker.example" -> new InetAddress[] {google};
            case "rebound.example" -> new InetAddress[] {google, inside};
            default -> throw new UnknownHostException(host);
        };
        assertEquals(Optional.empty(), PublicAddresses.firstNonPublic("tracker.example", dns));
        assertEquals(Optional.of(inside), PublicAddresses.firstNonPublic("rebound.example", dns));
        assertThrows(UnknownHostException.class, () -> PublicAddresses.firstNonPublic("nowhere.example", dns));

        PublicAddresses.Resolver system = InetAddress::getAllByName;
        assertTrue(PublicAddresses.firstNonPublic("localhost", system).isPresent());
        assertTrue(PublicAddresses.firstNonPublic("127.0.0.1", system).isPresent());
        assertTrue(PublicAddresses.firstNonPublic("[::1]", system).isPresent(), "a bracketed literal, as URI.getHost gives it");
        assertTrue(PublicAddresses.firstNonPublic("[::ffff:169.254.169.254]", system).isPresent());
        assertEquals(Optional.empty(), PublicAddresses.firstNonPublic("8.8.4.4", system), "a literal needs no lookup");
    }
}
