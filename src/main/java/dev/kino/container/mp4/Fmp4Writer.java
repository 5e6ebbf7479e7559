package dev.kino.container.mp4;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes fragmented MP4 (ISO/IEC 14496-12, CMAF-style): an init segment ({@code ftyp} + {@code moov} with empty
 * sample tables and {@code mvex}) for one video track (id 1) and/or one AAC track (id 2), and fragments
 * ({@code moof} + {@code mdat}) holding each track's samples. Video runs on a 1 ms timescale, audio on its sample
 * rate. Pure.
 */
public final class Fmp4Writer {
    public static final int VIDEO_TRACK = 1;
    public static final int AUDIO_TRACK = 2;
    public static final int VIDEO_TIMESCALE = 1000;
    private static final int SYNC = 0x02000000; // sample_depends_on = 2 (depends on no other)
    private static final int NON_SYNC = 0x01010000; // sample_depends_on = 1, sample_is_non_sync_sample
    private static final int[] MATRIX = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};

    /**
     * One sample of a fragment.
     *
     * @param duration in the track's timescale
     * @param ctsOffset composition minus decode time, in the track's timescale (signed)
     */
    public record Sample(int duration, int ctsOffset, boolean sync, byte[] data) {}

    /** One track's run in a fragment: its samples, the first at {@code baseDecodeTime} (track timescale). */
    public record Run(int trackId, long baseDecodeTime, List<Sample> samples) {}

    private Fmp4Writer() {}

    /**
     * The init segment. {@code video} or {@code audio} may be null (not both); {@code width}/{@code height} are the
     * picture size for the visual sample entry (0 if unknown).
     */
    public static byte[] init(VideoConfig video, int width, int height, AacConfig audio) {
        BoxWriter w = new BoxWriter(1024);
        int ftyp = w.open(BoxType.of("ftyp"));
        w.u32(BoxType.of("iso6"));
        w.u32(0);
        for (String brand : List.of("iso6", "cmfc", "isom", "mp41")) {
            w.u32(BoxType.of(brand));
        }
        w.close(ftyp);
        int moov = w.open(BoxType.MOOV);
        mvhd(w);
        if (video != null) {
            trak(w, VIDEO_TRACK, VIDEO_TIMESCALE, width, height, () -> visualEntry(w, video, width, height));
        }
        if (audio != null) {
            trak(w, AUDIO_TRACK, audio.sampleRate(), 0, 0, () -> audioEntry(w, audio));
        }
        int mvex = w.open(BoxType.MVEX);
        for (int id : video != null && audio != null ? new int[] {VIDEO_TRACK, AUDIO_TRACK}
                : new int[] {video != null ? VIDEO_TRACK : AUDIO_TRACK}) {
            int trex = w.openFull(BoxType.TREX, 0, 0);
            w.u32(id);
            w.u32(1); // default_sample_description_index
            w.u32(0);
            w.u32(0);
            w.u32(0);
            w.close(trex);
        }
        w.close(mvex);
        w.close(moov);
        return w.toByteArray();
    }

    /** One fragment: {@code moof} with a {@code traf} per non-empty run, then one {@code mdat} with their samples in order. */
    public static byte[] fragment(long sequence, List<Run> runs) {
        int payload = 0;
        for (Run r : runs) {
            for (Sample s : r.samples()) {
                payload += s.data().length;
            }
        }
        BoxWriter w = new BoxWriter(payload + 256 + 16 * runs.stream().mapToInt(r -> r.samples().size()).sum());
        int moof = w.open(BoxType.MOOF);
        int mfhd = w.openFull(BoxType.MFHD, 0, 0);
        w.u32(sequence);
        w.close(mfhd);
        int[] offsetFields = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            int traf = w.open(BoxType.TRAF);
            int tfhd = w.openFull(BoxType.TFHD, 0, 0x020000); // default-base-is-moof
            w.u32(r.trackId());
            w.close(tfhd);
            int tfdt = w.openFull(BoxType.TFDT, 1, 0);
            w.u64(r.baseDecodeTime());
            w.close(tfdt);
            int trun = w.openFull(BoxType.TRUN, 1, 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800);
            w.u32(r.samples().size());
            offsetFields[i] = w.length();
            w.u32(0); // data_offset, set below
            for (Sample s : r.samples()) {
                w.u32(s.duration());
                w.u32(s.data().length);
                w.u32(s.sync() ? SYNC : NON_SYNC);
                w.u32(s.ctsOffset());
            }
            w.close(trun);
            w.close(traf);
        }
        w.close(moof);
        int moofSize = w.length() - moof;
        int mdat = w.open(BoxType.MDAT);
        int offset = moofSize + 8;
        for (int i = 0; i < runs.size(); i++) {
            w.set32(offsetFields[i], offset);
            for (Sample s : runs.get(i).samples()) {
                w.bytes(s.data(), 0, s.data().length);
                offset += s.data().length;
            }
        }
        w.close(mdat);
        return w.toByteArray();
    }

    private static void mvhd(BoxWriter w) {
        int mvhd = w.openFull(BoxType.of("mvhd"), 0, 0);
        w.u32(0); // creation_time
        w.u32(0); // modification_time
        w.u32(VIDEO_TIMESCALE);
        w.u32(0); // duration: fragmented, unknown
        w.u32(0x00010000); // rate 1.0
        w.u16(0x0100); // volume 1.0
        w.zeros(10);
        matrix(w);
        w.zeros(24); // pre_defined
        w.u32(AUDIO_TRACK + 1); // next_track_ID
        w.close(mvhd);
    }

    private static void trak(BoxWriter w, int id, int timescale, int width, int height, Runnable sampleEntry) {
        boolean video = id == VIDEO_TRACK;
        int trak = w.open(BoxType.TRAK);
        int tkhd = w.openFull(BoxType.TKHD, 0, 3); // enabled, in movie
        w.u32(0);
        w.u32(0);
        w.u32(id);
        w.u32(0);
        w.u32(0); // duration
        w.zeros(8);
        w.u16(0); // layer
        w.u16(0); // alternate_group
        w.u16(video ? 0 : 0x0100); // volume
        w.u16(0);
        matrix(w);
        w.u32((long) width << 16);
        w.u32((long) height << 16);
        w.close(tkhd);
        int mdia = w.open(BoxType.MDIA);
        int mdhd = w.openFull(BoxType.MDHD, 0, 0);
        w.u32(0);
        w.u32(0);
        w.u32(timescale);
        w.u32(0);
        w.u16(0x55C4); // language "und"
        w.u16(0);
        w.close(mdhd);
        int hdlr = w.openFull(BoxType.HDLR, 0, 0);
        w.u32(0);
        w.u32(video ? BoxType.VIDE : BoxType.SOUN);
        w.zeros(12);
        byte[] name = ((video ? "Video" : "Sound") + "Handler\0").getBytes(StandardCharsets.US_ASCII);
        w.bytes(name, 0, name.length);
        w.close(hdlr);
        int minf = w.open(BoxType.MINF);
        if (video) {
            int vmhd = w.openFull(BoxType.of("vmhd"), 0, 1);
            w.zeros(8);
            w.close(vmhd);
        } else {
            int smhd = w.openFull(BoxType.of("smhd"), 0, 0);
            w.zeros(4);
            w.close(smhd);
        }
        int dinf = w.open(BoxType.of("dinf"));
        int dref = w.openFull(BoxType.of("dref"), 0, 0);
        w.u32(1);
        int url = w.openFull(BoxType.of("url "), 0, 1); // the media is in this file
        w.close(url);
        w.close(dref);
        w.close(dinf);
        int stbl = w.open(BoxType.STBL);
        int stsd = w.openFull(BoxType.STSD, 0, 0);
        w.u32(1);
        sampleEntry.run();
        w.close(stsd);
        for (String empty : List.of("stts", "stsc", "stco")) {
            int b = w.openFull(BoxType.of(empty), 0, 0);
            w.u32(0);
            w.close(b);
        }
        int stsz = w.openFull(BoxType.of("stsz"), 0, 0);
        w.u32(0);
        w.u32(0);
        w.close(stsz);
        w.close(stbl);
        w.close(minf);
        w.close(mdia);
        w.close(trak);
    }

    private static void visualEntry(BoxWriter w, VideoConfig video, int width, int height) {
        int entry = w.open(video.coding().sampleEntry);
        w.zeros(6);
        w.u16(1); // data_reference_index
        w.zeros(16); // pre_defined, reserved
        w.u16(width);
        w.u16(height);
        w.u32(0x00480000); // 72 dpi
        w.u32(0x00480000);
        w.u32(0);
        w.u16(1); // frame_count
        w.zeros(32); // compressorname
        w.u16(0x0018); // depth
        w.u16(0xFFFF); // pre_defined = -1
        w.box(video.coding().configBox, video.record());
        w.close(entry);
    }

    private static void audioEntry(BoxWriter w, AacConfig audio) {
        int entry = w.open(BoxType.MP4A);
        w.zeros(6);
        w.u16(1);
        w.zeros(8);
        w.u16(audio.channels() == 0 ? 2 : Math.min(audio.channels(), 8));
        w.u16(16); // samplesize
        w.zeros(4);
        w.u32((long) Math.min(audio.sampleRate(), 65535) << 16);
        int esds = w.openFull(BoxType.ESDS, 0, 0);
        byte[] asc = audio.asc();
        descriptor(w, 0x03, 3 + 2 + 13 + 2 + asc.length + 3);
        w.u16(AUDIO_TRACK); // ES_ID
        w.u8(0);
        descriptor(w, 0x04, 13 + 2 + asc.length);
        w.u8(0x40); // objectTypeIndication: MPEG-4 audio
        w.u8(0x15); // streamType audio, upStream 0, reserved 1
        w.u24(0); // bufferSizeDB
        w.u32(0); // maxBitrate
        w.u32(0); // avgBitrate
        descriptor(w, 0x05, asc.length);
        w.bytes(asc, 0, asc.length);
        descriptor(w, 0x06, 1);
        w.u8(0x02); // predefined: MP4
        w.close(esds);
        w.close(entry);
    }

    /** A descriptor's tag and size (one byte when under 128, else the four-byte form). */
    private static void descriptor(BoxWriter w, int tag, int size) {
        w.u8(tag);
        if (size < 0x80) {
            w.u8(size);
        } else {
            w.u8(0x80 | (size >>> 21) & 0x7F);
            w.u8(0x80 | (size >>> 14) & 0x7F);
            w.u8(0x80 | (size >>> 7) & 0x7F);
            w.u8(size & 0x7F);
        }
    }

    private static void matrix(BoxWriter w) {
        for (int m : MATRIX) {
            w.u32(m & 0xFFFFFFFFL);
        }
    }
}
