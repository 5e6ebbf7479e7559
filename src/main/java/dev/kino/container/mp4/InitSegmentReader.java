package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code moov} of a fragmented MP4: per track {@code tkhd} (id), {@code mdia/mdhd} (timescale),
 * {@code mdia/hdlr} (audio or video), {@code minf/stbl/stsd} (codec), and the {@code mvex/trex} defaults.
 * Tracks that are neither audio nor video (text, timecode, hint) are left out.
 */
final class InitSegmentReader {
    private InitSegmentReader() {}

    static InitSegment read(Box moov) throws ParseException {
        List<Box> children = moov.children();
        Box mvex = Box.first(children, BoxType.MVEX);
        if (mvex == null) {
            throw ParseException.unsupported("moov without mvex: not a fragmented MP4 (use -movflags empty_moov+frag_keyframe)");
        }
        Map<Integer, TrackDefaults> defaults = trackDefaults(mvex);
        List<Track> video = new ArrayList<>();
        List<Track> audio = new ArrayList<>();
        for (Box trak : children) {
            if (trak.type() != BoxType.TRAK) {
                continue;
            }
            Track t = track(trak, defaults);
            if (t != null) {
                (t.video() ? video : audio).add(t);
            }
        }
        List<Track> tracks = new ArrayList<>(video);
        tracks.addAll(audio);
        if (tracks.isEmpty()) {
            throw ParseException.unsupported("no audio or video track");
        }
        List<String> codecs = tracks.stream().map(Track::codec).toList();
        String mime = (video.isEmpty() ? "audio/mp4" : "video/mp4") + "; codecs=\"" + String.join(", ", codecs) + "\"";
        return new InitSegment(tracks, mime);
    }

    private static Map<Integer, TrackDefaults> trackDefaults(Box mvex) throws ParseException {
        Map<Integer, TrackDefaults> defaults = new HashMap<>();
        for (Box trex : mvex.children()) {
            if (trex.type() != BoxType.TREX) {
                continue;
            }
            ByteCursor c = trex.payload();
            c.int32(); // version and flags
            int trackId = c.int32();
            c.int32(); // default_sample_description_index
            long duration = c.u32();
            long size = c.u32();
            int flags = c.int32();
            defaults.putIfAbsent(trackId, new TrackDefaults(duration, size, flags));
        }
        return defaults;
    }

    /** The track, or null when it is neither audio nor video. */
    private static Track track(Box trak, Map<Integer, TrackDefaults> defaults) throws ParseException {
        Box mdia = trak.require(BoxType.MDIA);
        List<Box> mdiaChildren = mdia.children();
        int handler = handlerType(require(mdia, mdiaChildren, BoxType.HDLR));
        if (handler != BoxType.VIDE && handler != BoxType.SOUN) {
            return null;
        }
        Box tkhd = trak.require(BoxType.TKHD);
        int id = trackId(tkhd);
        long timescale = timescale(require(mdia, mdiaChildren, BoxType.MDHD));
        Box stsd = require(mdia, mdiaChildren, BoxType.MINF).require(BoxType.STBL).require(BoxType.STSD);
        String codec = SampleEntryReader.codec(stsd);
        int[] size = handler == BoxType.VIDE ? pictureSize(tkhd) : new int[2];
        return new Track(id, handler == BoxType.VIDE, timescale, codec, defaults.getOrDefault(id, TrackDefaults.NONE),
                size[0], size[1]);
    }

    private static int trackId(Box tkhd) throws ParseException {
        ByteCursor c = tkhd.payload();
        int version = c.u8();
        c.skip(3 + (version == 1 ? 16 : 8)); // flags, creation and modification times
        return c.int32();
    }

    /** {@code tkhd}'s width and height (16.16 fixed point), in whole pixels; 0 where the box gives none. */
    private static int[] pictureSize(Box tkhd) throws ParseException {
        ByteCursor c = tkhd.payload();
        int version = c.u8();
        c.skip(3 + (version == 1 ? 16 : 8) + 4 + 4 + (version == 1 ? 8 : 4) + 8 + 8 + 36);
        if (c.remaining() < 8) {
            return new int[2];
        }
        return new int[] {(int) (c.u32() >>> 16), (int) (c.u32() >>> 16)};
    }

    private static long timescale(Box mdhd) throws ParseException {
        ByteCursor c = mdhd.payload();
        int version = c.u8();
        c.skip(3 + (version == 1 ? 16 : 8)); // flags, creation and modification times
        long timescale = c.u32();
        if (timescale == 0) {
            throw c.malformed("timescale 0");
        }
        return timescale;
    }

    private static int handlerType(Box hdlr) throws ParseException {
        ByteCursor c = hdlr.payload();
        c.skip(8); // version, flags, pre_defined
        return c.int32();
    }

    private static Box require(Box parent, List<Box> children, int type) throws ParseException {
        Box b = Box.first(children, type);
        if (b == null) {
            throw ParseException.malformed("box " + BoxType.name(parent.type()) + " has no " + BoxType.name(type));
        }
        return b;
    }
}
