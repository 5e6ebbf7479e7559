package dev.kino.subtitles;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a subtitle file whose character set nobody wrote down. A byte order mark decides; else UTF-16 is told by
 * its zero bytes, then UTF-8 by decoding without error; else the legacy code pages most subtitle files come in
 * (windows-1252, windows-1251, windows-1250, GB18030) are each tried and the one whose words look like words wins:
 * letters of one script per word, Western words mostly ASCII with a few accented letters, Chinese mostly in the
 * common two-byte range. Pure.
 */
public final class TextDecoding {
    /** The text, and the character set it was read as. */
    public record Decoded(String text, Charset charset) {}

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset CP1250 = Charset.forName("windows-1250");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final List<Charset> LEGACY = List.of(CP1252, CP1251, CP1250, GB18030);

    private TextDecoding() {}

    /** The text of {@code bytes}, or empty if no character set reads it as text. */
    public static Optional<Decoded> decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE);
        }
        Optional<Charset> utf16 = utf16ByZeros(bytes);
        if (utf16.isPresent()) {
            return strict(bytes, 0, utf16.get());
        }
        Optional<Decoded> utf8 = strict(bytes, 0, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return utf8;
        }
        Decoded best = null;
        long bestScore = Long.MIN_VALUE;
        for (Charset cs : LEGACY) {
            Optional<Decoded> d = strict(bytes, 0, cs);
            if (d.isPresent()) {
                long score = cs == GB18030 ? chineseScore(bytes) : wordScore(d.get().text(), cs);
                if (score > bestScore) {
                    best = d.get();
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Text in UTF-16 without a mark has a zero in most of its even (big-endian) or odd (little-endian) bytes. */
    private static Optional<Charset> utf16ByZeros(byte[] b) {
        int n = Math.min(b.length & ~1, 8192);
        if (n < 8) {
            return Optional.empty();
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            evenZeros += b[i] == 0 ? 1 : 0;
            oddZeros += b[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    private static Optional<Decoded> strict(byte[] b, int offset, Charset cs) {
        try {
            CharBuffer chars = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, offset, b.length - offset));
            String text = chars.toString();
            return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(new Decoded(text, cs));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * How word-like a single-byte decoding is: each word holding a non-ASCII letter scores its length when it reads as
     * one script in a way that language uses it, and minus its length when it does not; non-ASCII symbols and
     * controls score minus two, and minus four inside a word.
     */
    static long wordScore(String text, Charset cs) {
        long score = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                if (c >= 0x80 && !Character.isWhitespace(c)) {
                    boolean midWord = i > 0 && i + 1 < text.length() && Character.isLetter(text.charAt(i - 1))
                            && Character.isLetter(text.charAt(i + 1));
                    score -= midWord ? 4 : isCommonPunctuation(c) ? 0 : 2; // "Za¿ó³æ" is Polish misread
                }
                i++;
                continue;
            }
            int start = i;
            int ascii = 0;
            int cyrillic = 0;
            int latinExtra = 0;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                char w = text.charAt(i);
                if (w < 0x80) {
                    ascii++;
                } else if (Character.UnicodeScript.of(w) == Character.UnicodeScript.CYRILLIC) {
                    cyrillic++;
                } else {
                    latinExtra++;
                }
                i++;
            }
            int len = i - start;
            if (cyrillic + latinExtra == 0) {
                continue;
            }
            boolean plausible;
            if (cs == CP1251) {
                plausible = cyrillic == len;
            } else if (cs == CP1250) {
                // Central European words can be mostly accented ("Zażółć", "Łódź"), but not wholly, past two letters
                plausible = cyrillic == 0 && (len <= 2 || latinExtra < len);
            } else {
                // Western or Central European words are mostly ASCII: at most about half accented ("à", "été", "déjà")
                plausible = cyrillic == 0 && latinExtra * 2 <= len + 1;
            }
            score += plausible ? len : -len;
        }
        return score;
    }

    /** Punctuation that the code pages share with Unicode's general punctuation: quotes, dashes, ellipsis, bullet. */
    private static boolean isCommonPunctuation(char c) {
        return "\u2018\u2019\u201A\u201C\u201D\u201E\u2013\u2014\u2026\u2022\u00A0\u00AB\u00BB\u00B0\u00A9\u00BF\u00A1\u20AC"
                .indexOf(c) >= 0;
    }

    /**
     * How Chinese the bytes look as GB18030: three points for each two-byte character in GB2312's common range (first
     * byte 0xB0 to 0xD7, the level-1 hanzi, or 0xA1 to 0xA3, punctuation), minus two for any other non-ASCII
     * character (three, so that a run of hanzi beats the same bytes read as a two-letter-per-hanzi Cyrillic word).
     * Cyrillic or accented Latin in a single-byte code page that happens to decode lands mostly outside it.
     */
    static long chineseScore(byte[] b) {
        long score = 0;
        int i = 0;
        while (i < b.length) {
            int x = b[i] & 0xFF;
            if (x < 0x80) {
                i++;
                continue;
            }
            int next = i + 1 < b.length ? b[i + 1] & 0xFF : -1;
            if (next >= 0x30 && next <= 0x39) { // a four-byte sequence: rare in subtitles
                score -= 2;
                i += 4;
                continue;
            }
            boolean common = ((x >= 0xB0 && x <= 0xD7) || (x >= 0xA1 && x <= 0xA3)) && next >= 0xA1 && next <= 0xFE;
            score += common ? 3 : -2;
            i += 2;
        }
        return score;
    }
}
