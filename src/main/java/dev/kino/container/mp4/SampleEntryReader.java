package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.List;

/** The codec string of a track from the first sample entry of its {@code stsd}. */
final class SampleEntryReader {
    /** Bytes of a VisualSampleEntry before its child boxes. */
    private static final int VISUAL_FIELDS = 78;
    /** Bytes of an AudioSampleEntry (version 0) before its child boxes. */
    private static final int AUDIO_FIELDS = 28;

    private SampleEntryReader() {}

    static String codec(Box stsd) throws ParseException {
        ByteCursor c = stsd.payload();
        c.int32(); // version and flags
        if (c.u32() == 0) {
            throw c.malformed("no sample entries");
        }
        List<Box> entries = Box.sequence(stsd.data(), c.position(), stsd.end());
        if (entries.isEmpty()) {
            throw c.malformed("no sample entries");
        }
        Box entry = entries.getFirst();
        int t = entry.type();
        if (t == BoxType.AVC1 || t == BoxType.AVC3) {
            return VideoCodecStrings.avc(prefix(t), visual(entry, BoxType.AVCC));
        } else if (t == BoxType.HVC1 || t == BoxType.HEV1) {
            return VideoCodecStrings.hevc(prefix(t), visual(entry, BoxType.HVCC));
        } else if (t == BoxType.VP09) {
            return VideoCodecStrings.vp9(visual(entry, BoxType.VPCC));
        } else if (t == BoxType.AV01) {
            return VideoCodecStrings.av1(visual(entry, BoxType.AV1C));
        } else if (t == BoxType.MP4A) {
            return EsdsReader.codec(audio(entry, BoxType.ESDS));
        } else if (t == BoxType.OPUS) {
            return "opus";
        } else if (t == BoxType.FLAC) {
            return "flac";
        } else if (t == BoxType.AC_3 || t == BoxType.EC_3) {
            return prefix(t);
        } else if (t == BoxType.ENCV || t == BoxType.ENCA) {
            throw ParseException.unsupported("encrypted track (sample entry " + BoxType.name(t) + ")");
        }
        throw ParseException.unsupported("codec of sample entry " + BoxType.name(t));
    }

    private static Box visual(Box entry, int configType) throws ParseException {
        return require(entry, entry.children(VISUAL_FIELDS), configType);
    }

    /** QuickTime-style sound entries (version 1 and 2, as ffmpeg's mov mode writes) have 16 or 36 more bytes. */
    private static Box audio(Box entry, int configType) throws ParseException {
        ByteCursor c = entry.payload();
        c.skip(8); // reserved, data_reference_index
        int version = c.u16();
        int fields = AUDIO_FIELDS + (version == 1 ? 16 : version == 2 ? 36 : 0);
        return require(entry, entry.children(fields), configType);
    }

    private static Box require(Box entry, List<Box> children, int configType) throws ParseException {
        Box config = Box.first(children, configType);
        if (config == null) {
            throw ParseException.malformed("sample entry " + BoxType.name(entry.type()) + " has no " + BoxType.name(configType));
        }
        return config;
    }

    private static String prefix(int type) {
        return BoxType.name(type).substring(1, 5);
    }
}
