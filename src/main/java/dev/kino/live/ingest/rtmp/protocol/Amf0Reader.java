package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes AMF0 values from a byte range, as {@link Amf0} describes. */
final class Amf0Reader {
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int MOVIECLIP = 0x04;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int UNSUPPORTED = 0x0D;
    static final int RECORDSET = 0x0E;
    static final int XML_DOCUMENT = 0x0F;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;

    Amf0Reader(byte[] data, int off, int end) {
        this.data = data;
        this.start = off;
        this.pos = off;
        this.end = end;
    }

    List<Object> readAll() throws ParseException {
        List<Object> values = new ArrayList<>();
        while (pos < end) {
            values.add(readValue(0));
        }
        return values;
    }

    private Object readValue(int depth) throws ParseException {
        int at = pos;
        need(1, "a value marker");
        int marker = data[pos++] & 0xFF;
        return switch (marker) {
            case NUMBER -> readDouble();
            case BOOLEAN -> {
                need(1, "a Boolean");
                yield data[pos++] != 0;
            }
            case STRING -> readString(readUint(2));
            case OBJECT -> readProperties(nested(depth, at));
            case NULL, UNDEFINED, UNSUPPORTED -> null;
            case ECMA_ARRAY -> {
                readUint(4); // the count is advisory: the properties run to the end marker
                yield readProperties(nested(depth, at));
            }
            case STRICT_ARRAY -> readStrictArray(nested(depth, at));
            case DATE -> {
                double millis = readDouble();
                need(2, "a Date's time zone");
                pos += 2;
                yield millis;
            }
            case LONG_STRING, XML_DOCUMENT -> readString(readUint(4));
            case TYPED_OBJECT -> {
                readString(readUint(2));
                yield readProperties(nested(depth, at));
            }
            case REFERENCE, MOVIECLIP, RECORDSET -> throw ParseException.unsupported(
                    String.format("AMF0 marker 0x%02X at offset %d (references and reserved types)", marker, at - start));
            case AVMPLUS -> throw ParseException.unsupported("AMF3 value (AMF0 marker 0x11) at offset " + (at - start));
            default -> throw ParseException.malformed(String.format("AMF0: unknown marker 0x%02X at offset %d", marker,
                    at - start));
        };
    }

    private int nested(int depth, int at) throws ParseException {
        if (depth + 1 > Amf0.MAX_DEPTH) {
            throw ParseException.malformed("AMF0: values nested more than " + Amf0.MAX_DEPTH + " deep at offset " + (at - start));
        }
        return depth + 1;
    }

    private Map<String, Object> readProperties(int depth) throws ParseException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String name = readString(readUint(2));
            need(1, "a property value or the object end marker");
            if (name.isEmpty() && (data[pos] & 0xFF) == OBJECT_END) {
                pos++;
                return map;
            }
            map.put(name, readValue(depth));
        }
    }

    private List<Object> readStrictArray(int depth) throws ParseException {
        long count = readUint(4);
        if (count > end - pos) {
            throw ParseException.malformed("AMF0 truncated: a Strict Array of " + count + " values at offset " + (pos - start)
                    + " but only " + (end - pos) + " bytes left");
        }
        List<Object> list = new ArrayList<>((int) Math.min(count, 64));
        for (long i = 0; i < count; i++) {
            list.add(readValue(depth));
        }
        return list;
    }

    private double readDouble() throws ParseException {
        return Double.longBitsToDouble(readLong(8, "a Number"));
    }

    private long readUint(int bytes) throws ParseException {
        return readLong(bytes, bytes == 2 ? "a 16-bit length" : "a 32-bit length");
    }

    private long readLong(int bytes, String what) throws ParseException {
        need(bytes, what);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = v << 8 | (data[pos++] & 0xFF);
        }
        return v;
    }

    private String readString(long length) throws ParseException {
        need(length, "a string of " + length + " bytes");
        String s = new String(data, pos, (int) length, StandardCharsets.UTF_8);
        pos += (int) length;
        return s;
    }

    private void need(long n, String what) throws ParseException {
        if (n > end - pos) {
            throw ParseException.malformed("AMF0 truncated: " + what + " at offset " + (pos - start) + " but only "
                    + (end - pos) + " bytes left");
        }
    }
}
