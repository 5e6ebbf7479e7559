package dev.kino.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressAllowListTest {
    @Test
    void emptyAllowsEveryone() {
        assertTrue(AddressAllowList.parse(List.of()).allows("203.0.113.9"));
    }

    @Test
    void addressesAndRanges() {
        AddressAllowList allow = AddressAllowList.parse(List.of("127.0.0.1", "10.0.0.0/8", "192.168.4.0/22", "fd00::/8"));
        assertTrue(allow.allows("127.0.0.1"));
        assertFalse(allow.allows("127.0.0.2"));
        assertTrue(allow.allows("10.200.3.4"));
        assertFalse(allow.allows("11.0.0.1"));
        assertTrue(allow.allows("192.168.7.255"));
        assertFalse(allow.allows("192.168.8.0"));
        assertTrue(allow.allows("fd12::1"));
        assertFalse(allow.allows("fe80::1"));
        assertFalse(allow.allows("::ffff:11.0.0.1"));
        assertFalse(allow.allows("localhost"), "names are never looked up");
        assertFalse(allow.allows(null));
    }

    @Test
    void badEntriesAreRefusedByName() {
        for (String bad : List.of("example.org", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/9", "::1/129")) {
            assertThrows(IllegalArgumentException.class, () -> AddressAllowList.parse(List.of(bad)), bad);
        }
    }

    @Test
    void configKeysParse() {
        ServerConfig c = ConfigLoader.load(null, Map.of(), Map.of("live.tcp", "9090=cam1:webm:public, 9091=cam2:mp4",
                "live.streams", "a=0123456789abcdef:public,b=0123456789abcdefgh", "live.tcp-allow", "127.0.0.1"));
        assertEquals(List.of(new LiveConfig.TcpIngest(9090, "cam1", "webm", true), new LiveConfig.TcpIngest(9091, "cam2", "mp4", false)),
                c.live().tcpIngests());
        assertEquals(List.of(new LiveConfig.DeclaredStream("a", "0123456789abcdef", true),
                new LiveConfig.DeclaredStream("b", "0123456789abcdefgh", false)), c.live().declaredStreams());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of(), Map.of("live.streams", "a=short")));
        assertTrue(e.getMessage().startsWith("live.streams") && !e.getMessage().contains("short"), "names the key, hides the secret: " + e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of("live.tcp-allow", "nowhere")));
    }
}
