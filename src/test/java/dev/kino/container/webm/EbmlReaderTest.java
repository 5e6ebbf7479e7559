package dev.kino.container.webm;

import static dev.kino.container.webm.Ebml.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import org.junit.jupiter.api.Test;

class EbmlReaderTest {
    @Test
    void idLengthsAndIdsKeepTheirMarkerBits() {
        assertEquals(1, EbmlReader.idLength(0xA3));
        assertEquals(2, EbmlReader.idLength(0x42));
        assertEquals(3, EbmlReader.idLength(0x2A));
        assertEquals(4, EbmlReader.idLength(0x1A));
        assertEquals(0, EbmlReader.idLength(0x08), "5-byte IDs are not allowed in WebM");
        assertEquals(0, EbmlReader.idLength(0x00));
        assertEquals(0x1A45DFA3, EbmlReader.readId(hex("1A45DFA3"), 0, 4));
        assertEquals(0xA3, EbmlReader.readId(hex("A3"), 0, 1));
        assertEquals(0x2AD7B1, EbmlReader.readId(hex("002AD7B1"), 1, 3));
    }

    @Test
    void sizesDropTheMarkerAndAllOnesIsUnknown() {
        assertEquals(1, EbmlReader.sizeLength(0x81));
        assertEquals(8, EbmlReader.sizeLength(0x01));
        assertEquals(0, EbmlReader.sizeLength(0x00));
        assertEquals(5, EbmlReader.readSize(hex("85"), 0, 1));
        assertEquals(0x3E8, EbmlReader.readSize(hex("43E8"), 0, 2));
        assertEquals(0x7E, EbmlReader.readSize(hex("FE"), 0, 1));
        assertEquals(0x7F, EbmlReader.readSize(hex("407F"), 0, 2), "127 needs two bytes: 0xFF alone is unknown");
        assertEquals((1L << 56) - 2, EbmlReader.readSize(hex("01FFFFFFFFFFFFFE"), 0, 8));
        for (String unknown : new String[] {"FF", "7FFF", "3FFFFF", "1FFFFFFF", "01FFFFFFFFFFFFFF"}) {
            byte[] b = hex(unknown);
            assertEquals(EbmlReader.UNKNOWN_SIZE, EbmlReader.readSize(b, 0, b.length), unknown);
        }
    }

    @Test
    void cursorWalksChildrenAndRejectsOverruns() throws ParseException {
        byte[] body = hex("D7 81 01 86 85 565F565038 63A2 82 0102");
        EbmlReader reader = new EbmlReader(body, 0, body.length);
        assertTrue(reader.next());
        assertEquals(0xD7, reader.id());
        assertEquals(1, reader.readUnsigned());
        assertTrue(reader.next());
        assertEquals("V_VP8", reader.readString());
        assertTrue(reader.next());
        assertEquals(0x63A2, reader.id());
        assertEquals(2, reader.readBytes().length);
        assertFalse(reader.next());

        assertThrows(ParseException.class, () -> new EbmlReader(hex("D7 85 01"), 0, 3).next());
        assertThrows(ParseException.class, () -> new EbmlReader(hex("D7 FF 01"), 0, 3).next(), "unknown size");
        assertThrows(ParseException.class, () -> new EbmlReader(hex("D7"), 0, 1).next());
        assertThrows(ParseException.class, () -> new EbmlReader(hex("00 81 00"), 0, 3).next());
        EbmlReader wide = new EbmlReader(hex("D7 89 010203040506070809"), 0, 11);
        wide.next();
        assertThrows(ParseException.class, wide::readUnsigned);
    }
}
