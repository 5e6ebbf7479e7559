package dev.kino.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code live.record-keep} and the {@code :record} flag of {@code live.streams} and {@code live.tcp}. */
class RecordingConfigTest {
    @Test
    void keepIsAnAgeASizeOrBoth() {
        assertEquals(RecordingConfig.keepAll(), RecordingConfig.parseKeep(""));
        assertEquals(new RecordingConfig(Optional.of(Duration.ofDays(7)), 0), RecordingConfig.parseKeep("7d"));
        assertEquals(new RecordingConfig(Optional.of(Duration.ofHours(12)), 0), RecordingConfig.parseKeep("12h"));
        assertEquals(new RecordingConfig(Optional.empty(), 50_000_000_000L), RecordingConfig.parseKeep("50GB"));
        assertEquals(new RecordingConfig(Optional.empty(), 500L << 20), RecordingConfig.parseKeep("500 MiB"));
        assertEquals(new RecordingConfig(Optional.empty(), 1_500_000_000_000L), RecordingConfig.parseKeep("1.5tb"));
        assertEquals(new RecordingConfig(Optional.of(Duration.ofDays(30)), 2L << 40), RecordingConfig.parseKeep("30d, 2TiB"));
    }

    @Test
    void aBadKeepNamesTheKey() {
        for (String bad : List.of("lots", "0d", "0GB", "7 weeks")) {
            ConfigException e = assertThrows(ConfigException.class, () -> RecordingConfig.parseKeep(bad), bad);
            assertTrue(e.getMessage().startsWith("live.record-keep: "), e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("KINO_LIVE_RECORD_KEEP", "forever"), Map.of()));
        assertTrue(e.getMessage().contains("live.record-keep"), e.getMessage());
        assertEquals(Optional.of(Duration.ofDays(7)),
                ConfigLoader.load(null, Map.of("KINO_LIVE_RECORD_KEEP", "7d"), Map.of()).recording().keepAge());
    }

    @Test
    void streamsAndPortsTakeARecordFlagInEitherOrderWithPublic() {
        LiveConfig live = ConfigLoader.load(null, Map.of(), Map.of(
                "live.streams", "a=0123456789abcdef:record,b=0123456789abcdef:public:record,c=0123456789abcdef:record:public,d=0123456789abcdef",
                "live.tcp", "9090=cam1:mp4:record,9091=cam2:webm:public")).live();
        assertEquals(List.of(new LiveConfig.DeclaredStream("a", "0123456789abcdef", false, true),
                new LiveConfig.DeclaredStream("b", "0123456789abcdef", true, true),
                new LiveConfig.DeclaredStream("c", "0123456789abcdef", true, true),
                new LiveConfig.DeclaredStream("d", "0123456789abcdef", false, false)), live.declaredStreams());
        assertEquals(List.of(new LiveConfig.TcpIngest(9090, "cam1", "mp4", false, true),
                new LiveConfig.TcpIngest(9091, "cam2", "webm", true, false)), live.tcpIngests());
    }
}
