package dev.kino.container.webm;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the buffered header elements: the EBML header, Info and Tracks. */
final class HeaderElements {
    /** Matroska's default TimecodeScale: timestamps in milliseconds. */
    static final long DEFAULT_TIMECODE_SCALE = 1_000_000;

    private HeaderElements() {}

    /** Checks the EBML header body: EBML version 1, IDs ≤ 4 and sizes ≤ 8 bytes, DocType webm or matroska. */
    static void checkEbmlHeader(byte[] buf, int off, int len) throws ParseException {
        String docType = "matroska";
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            switch (children.id()) {
                case ElementId.DOC_TYPE -> docType = children.readString();
                case ElementId.EBML_READ_VERSION -> requireAtMost(children, 1, "EBMLReadVersion");
                case ElementId.EBML_MAX_ID_LENGTH -> requireAtMost(children, 4, "EBMLMaxIDLength");
                case ElementId.EBML_MAX_SIZE_LENGTH -> requireAtMost(children, 8, "EBMLMaxSizeLength");
                default -> { }
            }
        }
        if (!docType.equals("webm") && !docType.equals("matroska")) {
            throw ParseException.unsupported("EBML DocType '" + docType + "' is neither webm nor matroska");
        }
    }

    /** The TimecodeScale of an Info body (nanoseconds per Block/Cluster timecode unit). */
    static long timecodeScale(byte[] buf, int off, int len) throws ParseException {
        long scale = DEFAULT_TIMECODE_SCALE;
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            if (children.id() == ElementId.TIMECODE_SCALE) {
                scale = children.readUnsigned();
            }
        }
        if (scale <= 0) {
            throw ParseException.malformed("TimecodeScale " + Long.toUnsignedString(scale) + " is out of range");
        }
        return scale;
    }

    /** The TrackEntries of a Tracks body. */
    static List<Track> tracks(byte[] buf, int off, int len) throws ParseException {
        List<Track> tracks = new ArrayList<>();
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            if (children.id() == ElementId.TRACK_ENTRY) {
                tracks.add(trackEntry(buf, children.bodyOffset(), children.bodySize()));
            }
        }
        return tracks;
    }

    private static Track trackEntry(byte[] buf, int off, int len) throws ParseException {
        long number = 0;
        long type = 0;
        String codecId = "";
        byte[] codecPrivate = new byte[0];
        int bitsPerChannel = 0;
        EbmlReader children = new EbmlReader(buf, off, len);
        while (children.next()) {
            switch (children.id()) {
                case ElementId.TRACK_NUMBER -> number = children.readUnsigned();
                case ElementId.TRACK_TYPE -> type = children.readUnsigned();
                case ElementId.CODEC_ID -> codecId = children.readString();
                case ElementId.CODEC_PRIVATE -> codecPrivate = children.readBytes();
                case ElementId.VIDEO -> bitsPerChannel = bitsPerChannel(buf, children.bodyOffset(), children.bodySize());
                default -> { }
            }
        }
        if (number <= 0) {
            throw ParseException.malformed("TrackEntry without a valid TrackNumber");
        }
        if (type == 0) {
            type = codecId.startsWith("V_") ? Track.VIDEO : codecId.startsWith("A_") ? Track.AUDIO : 0;
        }
        return new Track(number, (int) Math.min(type, 255), codecId, codecPrivate, bitsPerChannel);
    }

    /** Video/Colour/BitsPerChannel, 0 when absent. */
    private static int bitsPerChannel(byte[] buf, int off, int len) throws ParseException {
        EbmlReader video = new EbmlReader(buf, off, len);
        while (video.next()) {
            if (video.id() == ElementId.COLOUR) {
                EbmlReader colour = new EbmlReader(buf, video.bodyOffset(), video.bodySize());
                while (colour.next()) {
                    if (colour.id() == ElementId.BITS_PER_CHANNEL) {
                        return (int) Math.min(Math.max(colour.readUnsigned(), 0), 64);
                    }
                }
            }
        }
        return 0;
    }

    private static void requireAtMost(EbmlReader element, long max, String name) throws ParseException {
        long value = element.readUnsigned();
        if (value < 0 || value > max) {
            throw ParseException.unsupported(name + " " + Long.toUnsignedString(value) + " (at most " + max + " supported)");
        }
    }
}
