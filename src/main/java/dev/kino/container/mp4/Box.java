package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete box held in memory: its type and where its payload lies in {@code data}. Child boxes are views into the
 * same array (nothing is copied).
 */
record Box(int type, byte[] data, int payloadStart, int end) {
    /** The box that fills all of {@code data} (a whole top-level box as received). */
    static Box whole(byte[] data) throws ParseException {
        List<Box> boxes = sequence(data, 0, data.length);
        if (boxes.size() != 1 || boxes.getFirst().end != data.length) {
            throw ParseException.malformed("not exactly one box");
        }
        return boxes.getFirst();
    }

    /**
     * The boxes that follow each other in {@code data[start..end)}. A size of 0 runs to {@code end}; fewer than 8
     * trailing bytes (padding some writers leave) are ignored; a box overrunning {@code end} is malformed.
     */
    static List<Box> sequence(byte[] data, int start, int end) throws ParseException {
        List<Box> boxes = new ArrayList<>();
        int pos = start;
        while (end - pos >= 8) {
            BoxHeader h = BoxHeader.parse(data, pos, end - pos);
            if (h == null) {
                throw ParseException.malformed("a box header cut off by its parent");
            }
            long size = h.extendsToEnd() ? end - pos : h.size();
            if (size > end - pos) {
                throw ParseException.malformed("box " + BoxType.name(h.type()) + " of " + size + " bytes overruns its parent");
            }
            boxes.add(new Box(h.type(), data, pos + h.headerLength(), pos + (int) size));
            pos += (int) size;
        }
        return boxes;
    }

    ByteCursor payload() {
        return new ByteCursor(data, payloadStart, end, type);
    }

    /** The child boxes, which start {@code skip} bytes into the payload (0 for plain containers). */
    List<Box> children(int skip) throws ParseException {
        if (skip > end - payloadStart) {
            throw payload().malformed("shorter than its fixed fields");
        }
        return sequence(data, payloadStart + skip, end);
    }

    List<Box> children() throws ParseException {
        return children(0);
    }

    /** The first child of {@code childType}, or null. */
    Box child(int childType) throws ParseException {
        return first(children(), childType);
    }

    /** The first child of {@code childType}; its absence is malformed. */
    Box require(int childType) throws ParseException {
        Box b = child(childType);
        if (b == null) {
            throw ParseException.malformed("box " + BoxType.name(type) + " has no " + BoxType.name(childType));
        }
        return b;
    }

    static Box first(List<Box> boxes, int type) {
        for (Box b : boxes) {
            if (b.type == type) {
                return b;
            }
        }
        return null;
    }
}
