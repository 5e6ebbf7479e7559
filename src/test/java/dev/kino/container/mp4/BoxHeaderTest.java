package dev.kino.container.mp4;

import static dev.kino.container.mp4.Mp4Bytes.ascii;
import static dev.kino.container.mp4.Mp4Bytes.cat;
import static dev.kino.container.mp4.Mp4Bytes.u32;
import static dev.kino.container.mp4.Mp4Bytes.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import org.junit.jupiter.api.Test;

class BoxHeaderTest {
    @Test
    void compactLargeAndToTheEnd() throws ParseException {
        byte[] compact = cat(u32(1234), ascii("moof"));
        assertEquals(new BoxHeader(BoxType.MOOF, 1234, 8), BoxHeader.parse(compact, 0, 8));
        byte[] large = cat(u32(1), ascii("mdat"), u64(5L << 32));
        assertEquals(new BoxHeader(BoxType.MDAT, 5L << 32, 16), BoxHeader.parse(large, 0, 16));
        assertEquals((5L << 32) - 16, BoxHeader.parse(large, 0, 16).payloadSize());
        assertTrue(BoxHeader.parse(cat(u32(0), ascii("mdat")), 0, 8).extendsToEnd());
    }

    @Test
    void saysHowManyBytesItNeeds() throws ParseException {
        byte[] large = cat(u32(1), ascii("mdat"), u64(100));
        assertEquals(8, BoxHeader.bytesNeeded(large, 0, 3));
        assertEquals(16, BoxHeader.bytesNeeded(large, 0, 8));
        assertNull(BoxHeader.parse(large, 0, 7));
        assertNull(BoxHeader.parse(large, 0, 15));
        assertEquals(8, BoxHeader.bytesNeeded(cat(u32(9), ascii("free")), 0, 8));
    }

    @Test
    void impossibleSizesAreMalformed() {
        for (byte[] bad : new byte[][] {cat(u32(7), ascii("free")), cat(u32(1), ascii("mdat"), u64(15)),
                cat(u32(1), ascii("mdat"), u64(-1))}) {
            assertTrue(assertThrows(ParseException.class, () -> BoxHeader.parse(bad, 0, bad.length)).isMalformed());
        }
    }

    @Test
    void typeNames() {
        assertEquals("'moov'", BoxType.name(BoxType.MOOV));
        assertEquals("0x1A45DFA3", BoxType.name(0x1A45DFA3));
        assertTrue(BoxType.isPrintable(BoxType.of("ac-3")));
    }
}
