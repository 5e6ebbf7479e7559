package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AMF0 bytes ↔ values, and every kind of broken input. */
class Amf0Test {
    @Test
    void decodesEachTypeFromHex() throws ParseException {
        List<Object> values = Amf0.decodeAll(hex(
                "00 3FF0000000000000"                      // Number 1.0
                + "01 01" + "01 00"                        // true, false
                + "02 0003 616263"                         // "abc"
                + "03 0001 78 00 4000000000000000 0000 09" // {x: 2.0}
                + "05" + "06" + "0D"                       // null, undefined, unsupported
                + "08 00000005 0001 61 02 0001 62 0000 09" // ECMA array {a: "b"} (count is advisory)
                + "0A 00000002 05 00 0000000000000000"     // [null, 0.0]
                + "0B 4059000000000000 0000"               // Date 100 ms
                + "0C 00000002 6869"                       // long string "hi"
                + "0F 00000001 3C"                         // XML "<"
                + "10 0003 466F6F 0001 6B 01 01 0000 09"   // typed object Foo {k: true}
        ));

        List<Object> expected = new ArrayList<>(Arrays.asList(1.0, true, false, "abc", Map.of("x", 2.0), null, null, null,
                Map.of("a", "b"), Arrays.asList(null, 0.0), 100.0, "hi", "<", Map.of("k", true)));
        assertEquals(expected, values);
        assertTrue(values.get(4) instanceof LinkedHashMap<?, ?>);
    }

    @Test
    void encodesTheConnectResultAsExpected() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fmsVer", "FMS/3,0,1,123");
        props.put("capabilities", 31);

        byte[] bytes = Amf0.encode("_result", 1, props, null, Amf0.Undefined.VALUE, List.of(true), 2L);

        assertArrayEquals(hex("02 0007 5F726573756C74" + "00 3FF0000000000000" + "03 0006 666D73566572 02 000D "
                + Bytes.toHex("FMS/3,0,1,123".getBytes()) + " 000C 6361706162696C6974696573 00 403F000000000000 0000 09"
                + "05" + "06" + "0A 00000001 01 01" + "00 4000000000000000"), bytes);
    }

    @Test
    void roundTripsNestedValues() throws ParseException {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            Object value = randomValue(random, 0);

            List<Object> decoded = Amf0.decodeAll(Amf0.encode(value, "end"));

            assertEquals(Arrays.asList(value, "end"), decoded);
        }
    }

    @Test
    void stringsOver65535BytesBecomeLongStrings() throws ParseException {
        String s = "é".repeat(40_000);

        byte[] bytes = Amf0.encode(s);

        assertEquals(0x0C, bytes[0]);
        assertEquals(1 + 4 + 80_000, bytes.length);
        assertEquals(List.of(s), Amf0.decodeAll(bytes));
        assertEquals(0x02, Amf0.encode("é".repeat(32_767))[0]);
    }

    @Test
    void decodesARange() throws ParseException {
        byte[] bytes = Bytes.cat(hex("FFFF"), Amf0.encode("a", 1.5), hex("FF"));

        assertEquals(List.of("a", 1.5), Amf0.decodeAll(bytes, 2, bytes.length - 3));
    }

    @Test
    void everyTruncationIsMalformed() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", "cam1");
        object.put("list", List.of(1.0, "x", Map.of()));
        byte[] whole = Amf0.encode("connect", 1.0, object, true, new HashMap<>(Map.of("d", 3.0)));

        for (int length = 1; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            boolean boundary = isValueBoundary(whole, length);
            if (!boundary) {
                ParseException e = assertThrows(ParseException.class, () -> Amf0.decodeAll(prefix), "length " + length);
                assertTrue(e.isMalformed());
                assertTrue(e.getMessage().startsWith("AMF0 truncated"), e.getMessage());
            }
        }
    }

    @Test
    void lengthsAreCheckedBeforeAllocating() {
        assertMalformed(hex("0C 7FFFFFFF 41"), "AMF0 truncated: a string of 2147483647 bytes at offset 5 but only 1 bytes left");
        assertMalformed(hex("0C FFFFFFFF"), "AMF0 truncated: a string of 4294967295 bytes at offset 5 but only 0 bytes left");
        assertMalformed(hex("0A FFFFFFFF 05"), "AMF0 truncated: a Strict Array of 4294967295 values at offset 5 but only 1 bytes left");
        assertMalformed(hex("02 FFFF 41"), "AMF0 truncated: a string of 65535 bytes at offset 3 but only 1 bytes left");
    }

    @Test
    void badMarkersAreMalformedOrUnsupported() {
        assertMalformed(hex("12"), "AMF0: unknown marker 0x12 at offset 0");
        assertMalformed(hex("05 09"), "AMF0: unknown marker 0x09 at offset 1");
        assertMalformed(hex("03 0001 61 09"), "AMF0: unknown marker 0x09 at offset 4");
        assertUnsupported(hex("07 0001"), "AMF0 marker 0x07 at offset 0 (references and reserved types)");
        assertUnsupported(hex("04"), "AMF0 marker 0x04 at offset 0 (references and reserved types)");
        assertUnsupported(hex("03 0001 61 11 00"), "AMF3 value (AMF0 marker 0x11) at offset 4");
    }

    @Test
    void nestingIsLimited() throws ParseException {
        byte[] deepest = nestedArrays(Amf0.MAX_DEPTH);
        assertEquals(1, Amf0.decodeAll(deepest).size());

        assertMalformed(nestedArrays(Amf0.MAX_DEPTH + 1), "AMF0: values nested more than 32 deep at offset 160");
        byte[] objects = hex("03" + "0001 61 03".repeat(40) + "0000 09");
        ParseException e = assertThrows(ParseException.class, () -> Amf0.decodeAll(objects));
        assertTrue(e.getMessage().startsWith("AMF0: values nested more than 32 deep"), e.getMessage());

        Object value = List.of();
        for (int i = 0; i < Amf0.MAX_DEPTH; i++) {
            value = List.of(value);
        }
        Object tooDeep = value;
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(tooDeep));
    }

    @Test
    void unknownTypesAreRefusedWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Amf0.encode(Map.of(1, 2)));
    }

    @Test
    void hostileBytesNeverThrowAnythingButParseException() {
        Random random = new Random(11);
        byte[] valid = Amf0.encode("onMetaData", Map.of("width", 1280.0, "tags", List.of("a", Map.of("b", false))));
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                Amf0.decodeAll(bytes);
            } catch (ParseException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
    }

    private static byte[] nestedArrays(int depth) {
        return Bytes.cat(hex("0A 00000001".repeat(depth).replace(" ", "")), hex("05"));
    }

    /** True if {@code whole[0, length)} ends between two top-level values (a valid shorter input). */
    private static boolean isValueBoundary(byte[] whole, int length) {
        try {
            List<Object> all = Amf0.decodeAll(whole);
            int size = 0;
            for (Object value : all) {
                size += Amf0.encode(value).length;
                if (size == length) {
                    return true;
                }
            }
            return false;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 4 : 7);
        return switch (kind) {
            case 0 -> random.nextBoolean() ? random.nextDouble() * 1e6 : (double) random.nextInt();
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(5) == 0 ? "" : "s" + random.nextInt(1000) + "ü";
            case 3 -> null;
            case 4, 5 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + random.nextInt(100), randomValue(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static void assertMalformed(byte[] bytes, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Amf0.decodeAll(bytes));
        assertTrue(e.isMalformed(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    private static void assertUnsupported(byte[] bytes, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Amf0.decodeAll(bytes));
        assertFalse(e.isMalformed(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
