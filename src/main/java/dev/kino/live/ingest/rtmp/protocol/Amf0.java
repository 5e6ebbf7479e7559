package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.List;
import java.util.Objects;

/**
 * AMF0, the value encoding of RTMP commands and data messages (Adobe's AMF0 specification).
 *
 * <p>Decoded values: Number and Date → {@link Double} (a Date's milliseconds; its time zone is dropped), Boolean →
 * {@link Boolean}, String, Long String and XML Document → {@link String}, Object, ECMA Array and Typed Object →
 * {@code LinkedHashMap<String, Object>} in wire order (a Typed Object's class name is dropped), Strict Array →
 * {@code List<Object>}, Null, Undefined and Unsupported → {@code null}. References, the reserved markers and the
 * switch to AMF3 are refused as unsupported; other markers, truncation and nesting deeper than {@link #MAX_DEPTH}
 * as malformed. Every length is checked against the bytes left before anything is allocated.
 */
public final class Amf0 {
    public static final int MAX_DEPTH = 32;

    /** The AMF0 Undefined value, for {@link #encode}; decoding gives {@code null} for it. */
    public enum Undefined { VALUE }

    private Amf0() {}

    /** Decodes the values of {@code data[off, off+len)} back to back, to the end. */
    public static List<Object> decodeAll(byte[] data, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, data.length);
        return new Amf0Reader(data, off, off + len).readAll();
    }

    /** Decodes a whole array. */
    public static List<Object> decodeAll(byte[] data) throws ParseException {
        return decodeAll(data, 0, data.length);
    }

    /**
     * Encodes values back to back: any {@link Number} → Number, {@link Boolean}, {@link CharSequence} → String (Long
     * String past 65535 bytes of UTF-8), {@code Map} with String keys → Object, {@code List} → Strict Array,
     * {@code null} → Null, {@link Undefined} → Undefined.
     *
     * @throws IllegalArgumentException for another type, a key over 65535 bytes, or nesting deeper than {@link #MAX_DEPTH}
     */
    public static byte[] encode(Object... values) {
        Amf0Writer writer = new Amf0Writer();
        for (Object value : values) {
            writer.write(value, 0);
        }
        return writer.toByteArray();
    }
}
