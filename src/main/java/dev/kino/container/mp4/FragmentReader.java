package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the samples out of fragmented MP4, for re-cutting a stream into other fragments (HLS parts): an init segment
 * gives the tracks, then each fragment ({@code styp}/{@code sidx}/…, then {@code moof} + {@code mdat} pairs) gives,
 * per {@code traf}, the track's decode time and its samples (duration, composition offset, sync flag, bytes). Data
 * offsets are taken from the {@code moof} ({@code default-base-is-moof}, or the implicit base of ISO/IEC 14496-12
 * §8.8.7); absolute {@code base-data-offset}s are refused, as by {@link Fmp4Parser}. A {@code traf} without
 * {@code tfdt} continues where its track's last one ended. Every offset and size is checked against the bytes at
 * hand. Pure; one thread.
 */
public final class FragmentReader {

    /**
     * An audio or video track of the init segment.
     *
     * @param timescale units per second of its timeline, never 0
     * @param codec     its RFC 6381 codec string
     */
    public record TrackInfo(int id, boolean video, long timescale, String codec) {}

    private final InitSegment init;
    private final List<TrackInfo> tracks;
    private final Map<Integer, Long> nextDecodeTime = new HashMap<>();

    private FragmentReader(InitSegment init) {
        this.init = init;
        this.tracks = init.tracks().stream().map(t -> new TrackInfo(t.id(), t.video(), t.timescale(), t.codec())).toList();
    }

    /** A reader for the fragments that follow {@code initSegment} ({@code ftyp} + {@code moov}). */
    public static FragmentReader of(byte[] initSegment) throws ParseException {
        for (Box b : Box.sequence(initSegment, 0, initSegment.length)) {
            if (b.type() == BoxType.MOOV) {
                return new FragmentReader(InitSegmentReader.read(b));
            }
        }
        throw ParseException.malformed("an init segment without 'moov'");
    }

    /** The audio and video tracks, video first. */
    public List<TrackInfo> tracks() {
        return tracks;
    }

    /** The track whose samples set the pace: the first video track, else the first audio track. */
    public TrackInfo timingTrack() {
        return tracks.getFirst();
    }

    /** The samples of one fragment: a run per {@code traf} of a known track, in the order they come. */
    public List<Fmp4Writer.Run> read(byte[] fragment) throws ParseException {
        List<Fmp4Writer.Run> runs = new ArrayList<>();
        int start = 0;
        for (Box b : Box.sequence(fragment, 0, fragment.length)) {
            if (b.type() == BoxType.MOOF) {
                moof(b, start, runs);
            }
            start = b.end();
        }
        return runs;
    }

    private void moof(Box moof, int moofStart, List<Fmp4Writer.Run> runs) throws ParseException {
        int implicitBase = moofStart; // the first traf's data is based at the moof; each next one where the last ended
        for (Box traf : moof.children()) {
            if (traf.type() != BoxType.TRAF) {
                continue;
            }
            TrafRead r = traf(traf, moofStart, implicitBase);
            implicitBase = r.dataEnd;
            if (r.run != null) {
                runs.add(r.run);
            }
        }
    }

    private record TrafRead(Fmp4Writer.Run run, int dataEnd) {}

    private TrafRead traf(Box traf, int moofStart, int implicitBase) throws ParseException {
        List<Box> children = traf.children();
        Tfhd h = Tfhd.of(children, init);
        int trackId = h.trackId();
        Track track = h.track();
        int base = (h.flags() & Tfhd.DEFAULT_BASE_IS_MOOF) != 0 ? moofStart : implicitBase;
        long decodeTime = Tfhd.decodeTime(children);
        List<Fmp4Writer.Sample> samples = new ArrayList<>();
        int next = base;
        long duration = 0;
        for (Box b : children) {
            if (b.type() == BoxType.TRUN) {
                next = trun(b, base, next, h, samples);
            }
        }
        if (track == null) {
            return new TrafRead(null, next); // neither audio nor video: its samples are passed over
        }
        for (Fmp4Writer.Sample s : samples) {
            duration += Integer.toUnsignedLong(s.duration());
        }
        if (decodeTime < 0) {
            decodeTime = nextDecodeTime.getOrDefault(trackId, 0L);
        }
        nextDecodeTime.put(trackId, decodeTime + duration);
        return new TrafRead(new Fmp4Writer.Run(trackId, decodeTime, List.copyOf(samples)), next);
    }

    /** Reads one trun's samples into {@code out}; returns where its data ends. */
    private static int trun(Box trun, int base, int next, Tfhd h, List<Fmp4Writer.Sample> out) throws ParseException {
        byte[] data = trun.data();
        ByteCursor c = trun.payload();
        int versionFlags = c.int32();
        int flags = versionFlags & 0xFFFFFF;
        long count = c.u32();
        long pos = (flags & TrunFlags.DATA_OFFSET) != 0 ? (long) base + c.int32() : next;
        Integer firstFlags = (flags & TrunFlags.FIRST_SAMPLE_FLAGS) != 0 ? c.int32() : null;
        int fields = Integer.bitCount(flags & (TrunFlags.DURATION | TrunFlags.SIZE | TrunFlags.FLAGS | TrunFlags.COMPOSITION_OFFSET));
        c.require(count * fields * 4);
        if (fields == 0 && count > data.length) {
            throw ParseException.malformed("box 'trun': " + count + " samples in " + data.length + " bytes");
        }
        for (long i = 0; i < count; i++) {
            long duration = (flags & TrunFlags.DURATION) != 0 ? c.u32() : h.defaultDuration();
            long size = (flags & TrunFlags.SIZE) != 0 ? c.u32() : h.defaultSize();
            int sampleFlags = (flags & TrunFlags.FLAGS) != 0 ? c.int32() : h.defaultFlags();
            if (i == 0 && firstFlags != null) {
                sampleFlags = firstFlags;
            }
            int cts = (flags & TrunFlags.COMPOSITION_OFFSET) != 0 ? c.int32() : 0;
            if (pos < 0 || size > data.length - pos) {
                throw ParseException.malformed("box 'trun': a sample of " + size + " bytes at " + pos
                        + " lies outside the fragment's " + data.length + " bytes");
            }
            if (duration > Integer.MAX_VALUE) {
                throw ParseException.malformed("box 'trun': a sample duration of " + duration);
            }
            out.add(new Fmp4Writer.Sample((int) duration, cts, SampleFlags.isSync(sampleFlags),
                    Arrays.copyOfRange(data, (int) pos, (int) (pos + size))));
            pos += size;
        }
        return (int) pos;
    }
}
