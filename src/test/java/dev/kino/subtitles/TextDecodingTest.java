package dev.kino.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Subtitle files in the encodings they come in are read back as the text that was written. */
class TextDecodingTest {
    private static final String FRENCH = "1\n00:00:01,000 --> 00:00:02,000\nÇa a été un été déjà très chaud, où êtes-vous ?\n"
            + "\n2\n00:00:03,000 --> 00:00:04,000\nLe garçon mange une crème brûlée à l'hôtel.\n";
    private static final String RUSSIAN = "1\n00:00:01,000 --> 00:00:02,000\nПривет, как у тебя дела? Всё хорошо.\n"
            + "\n2\n00:00:03,000 --> 00:00:04,000\nМы идём в кино сегодня вечером.\n";
    private static final String CHINESE = "1\n00:00:01,000 --> 00:00:02,000\n你好，我们今天晚上去看电影吧。\n"
            + "\n2\n00:00:03,000 --> 00:00:04,000\n这是一个非常好的主意。\n";
    private static final String POLISH = "1\n00:00:01,000 --> 00:00:02,000\nZażółć gęślą jaźń. Łódź jest miastem w Polsce.\n";

    private static void roundTrip(String text, Charset written, String expectedCharset) {
        TextDecoding.Decoded d = TextDecoding.decode(text.getBytes(written)).orElseThrow();
        assertEquals(text, d.text(), "read as " + d.charset());
        assertEquals(expectedCharset, d.charset().name());
    }

    @Test
    void utf8WithAndWithoutMark() {
        roundTrip(FRENCH + RUSSIAN + CHINESE, StandardCharsets.UTF_8, "UTF-8");
        byte[] body = FRENCH.getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[body.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(body, 0, marked, 3, body.length);
        assertEquals(FRENCH, TextDecoding.decode(marked).orElseThrow().text(), "the mark is not part of the text");
    }

    @Test
    void utf16WithAMarkAndWithout() {
        TextDecoding.Decoded le = TextDecoding.decode(("\uFEFF" + RUSSIAN).getBytes(StandardCharsets.UTF_16LE)).orElseThrow();
        assertEquals(RUSSIAN, le.text());
        TextDecoding.Decoded be = TextDecoding.decode(("\uFEFF" + FRENCH).getBytes(StandardCharsets.UTF_16BE)).orElseThrow();
        assertEquals(FRENCH, be.text());
        roundTrip(FRENCH, StandardCharsets.UTF_16LE, "UTF-16LE");
        roundTrip(FRENCH, StandardCharsets.UTF_16BE, "UTF-16BE");
    }

    @Test
    void legacyCodePagesAreToldApartByTheirWords() {
        roundTrip(FRENCH, Charset.forName("windows-1252"), "windows-1252");
        roundTrip(RUSSIAN, Charset.forName("windows-1251"), "windows-1251");
        roundTrip(CHINESE, Charset.forName("GB18030"), "GB18030");
        roundTrip(POLISH, Charset.forName("windows-1250"), "windows-1250");
    }

    @Test
    void aShortLineWithOneAccentIsWestern() {
        roundTrip("1\n00:00:01,000 --> 00:00:02,000\nCafé\n", Charset.forName("windows-1252"), "windows-1252");
        roundTrip("1\n00:00:01,000 --> 00:00:02,000\nДа, конечно.\n", Charset.forName("windows-1251"), "windows-1251");
    }

    @Test
    void bytesThatAreTextInNoEncodingAreRefused() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i += 97) {
            garbage[i] = 0; // binary data has zero bytes here and there, which no subtitle text has
        }
        assertTrue(TextDecoding.decode(garbage).isEmpty());
    }
}
