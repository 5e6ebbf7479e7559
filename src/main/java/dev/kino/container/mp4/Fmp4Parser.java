package dev.kino.container.mp4;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import java.util.Arrays;

/**
 * An incremental parser of fragmented MP4 as ffmpeg writes it to a pipe ({@code -movflags
 * empty_moov+default_base_moof+frag_keyframe}) or MediaRecorder produces it: a state machine over top-level boxes.
 * <ul>
 *   <li>{@code ftyp} + {@code moov} → {@link ContainerListener#onInit}; a later ftyp/moov re-initialises.</li>
 *   <li>{@code styp}, {@code sidx}, {@code moof} and the boxes up to its {@code mdat} → one
 *       {@link ContainerListener#onFragment}, keyframe and time taken from the video track's traf.</li>
 *   <li>{@code free}, {@code skip}, {@code mfra} and unknown boxes outside a fragment are skipped.</li>
 * </ul>
 * Box sizes are checked against {@link Fmp4Limits} before allocating. A box of size 0 ("to the end of the file") is
 * refused as unsupported: on a live stream its end would never come. After a {@link ParseException} every call
 * fails again.
 */
public final class Fmp4Parser implements ContainerParser {
    private enum State { HEADER, BOX, SKIP, FAILED }

    private final ContainerListener listener;
    private final Fmp4Limits limits;
    /** What a box's buffer starts with; it grows as the box's bytes arrive. */
    private static final int FIRST_CHUNK = 64 << 10;
    private final byte[] header = new byte[BoxHeader.MAX_LENGTH];
    private final FragmentBuffer fragment = new FragmentBuffer();
    private State state = State.HEADER;
    private int headerFill;
    private BoxHeader box;
    private byte[] target; // grows as the box arrives, up to targetSize: a header alone never allocates its size
    private int targetSize;
    private int targetPos;
    private long skipRemaining;
    private byte[] ftyp;
    private InitSegment init;
    private FragmentClock clock;
    private String failure;
    private boolean failureMalformed;

    public Fmp4Parser(ContainerListener listener) {
        this(listener, Fmp4Limits.DEFAULT);
    }

    public Fmp4Parser(ContainerListener listener, Fmp4Limits limits) {
        this.listener = listener;
        this.limits = limits;
    }

    @Override
    public void feed(byte[] data, int off, int len) throws ParseException {
        if (off < 0 || len < 0 || len > data.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + data.length);
        }
        try {
            int end = off + len;
            while (off < end) {
                off = step(data, off, end);
            }
        } catch (ParseException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void endOfInput() throws ParseException {
        ParseException e = switch (state) {
            case FAILED -> failedEarlier();
            case HEADER -> headerFill > 0 ? truncated("a box header of " + headerFill + " bytes")
                    : fragment.isStarted() ? truncated("a fragment without its mdat")
                    : ftyp != null ? truncated("ftyp without moov") : null;
            case BOX -> {
                int before = box.type() == BoxType.MDAT ? fragment.length() : 0;
                yield truncated("box " + BoxType.name(box.type()) + " after " + (targetPos - before) + " of " + box.size() + " bytes");
            }
            case SKIP -> truncated("box " + BoxType.name(box.type()) + " with " + skipRemaining + " bytes missing");
        };
        if (e != null) {
            fail(e);
            throw e;
        }
    }

    /** Consumes bytes from {@code data[off..end)} in the current state; returns the new offset. */
    private int step(byte[] data, int off, int end) throws ParseException {
        switch (state) {
            case HEADER -> {
                int need = BoxHeader.bytesNeeded(header, 0, headerFill);
                int n = Math.min(end - off, need - headerFill);
                System.arraycopy(data, off, header, headerFill, n);
                headerFill += n;
                if (headerFill == BoxHeader.bytesNeeded(header, 0, headerFill)) {
                    begin(BoxHeader.parse(header, 0, headerFill));
                }
                return off + n;
            }
            case BOX -> {
                int n = Math.min(end - off, targetSize - targetPos);
                grow(targetPos + n);
                System.arraycopy(data, off, target, targetPos, n);
                targetPos += n;
                if (targetPos == targetSize) {
                    complete();
                }
                return off + n;
            }
            case SKIP -> {
                int n = (int) Math.min(end - off, skipRemaining);
                skipRemaining -= n;
                if (skipRemaining == 0) {
                    nextBox();
                }
                return off + n;
            }
            default -> throw failedEarlier();
        }
    }

    /** Decides what to do with a box whose header has just been read. */
    private void begin(BoxHeader h) throws ParseException {
        box = h;
        headerFill = 0;
        int type = h.type();
        if (!BoxType.isPrintable(type)) {
            throw ParseException.malformed("not a box type at top level: " + BoxType.name(type));
        }
        if (h.extendsToEnd()) {
            throw ParseException.unsupported("box " + BoxType.name(type) + " of size 0 (up to the end of input)");
        }
        if (type == BoxType.FTYP || type == BoxType.MOOV) {
            if (fragment.isStarted()) {
                throw ParseException.malformed("box " + BoxType.name(type) + " inside a fragment");
            }
            long before = type == BoxType.MOOV && ftyp != null ? ftyp.length : 0;
            buffer(h, before, limits.maxInitBytes(), "init segment");
        } else if (type == BoxType.MOOF) {
            if (init == null) {
                throw ParseException.malformed("moof before moov");
            }
            if (fragment.hasMoof()) {
                throw ParseException.malformed("moof without mdat");
            }
            buffer(h, fragment.length(), limits.maxFragmentBytes(), "fragment");
        } else if (type == BoxType.MDAT) {
            if (!fragment.hasMoof()) {
                throw ParseException.malformed("mdat without moof");
            }
            checkSize(h, fragment.length(), limits.maxFragmentBytes(), "fragment");
            targetSize = fragment.length() + (int) h.size();
            target = fragment.open(Math.min(targetSize, fragment.length() + FIRST_CHUNK));
            targetPos = fragment.length();
            startBox();
        } else if (fragment.isStarted() || isFragmentPrefix(type)) {
            buffer(h, fragment.length(), limits.maxFragmentBytes(), "fragment");
        } else {
            checkSize(h, 0, limits.maxFragmentBytes(), "skipped box");
            skipRemaining = h.payloadSize();
            state = State.SKIP;
            if (skipRemaining == 0) {
                nextBox();
            }
        }
    }

    private static boolean isFragmentPrefix(int type) {
        return type == BoxType.STYP || type == BoxType.SIDX || type == BoxType.SSIX || type == BoxType.PRFT
                || type == BoxType.EMSG;
    }

    /** Reads the whole box into a new array, checking {@code before} + its size against {@code max} first. */
    private void buffer(BoxHeader h, long before, int max, String what) throws ParseException {
        checkSize(h, before, max, what);
        targetSize = (int) h.size();
        target = new byte[Math.min(targetSize, FIRST_CHUNK)];
        targetPos = 0;
        startBox();
    }

    /** Makes room in {@code target} for {@code needed} bytes: doubling, never beyond the box's size. */
    private void grow(int needed) {
        if (needed > target.length) {
            target = Arrays.copyOf(target, (int) Math.min(targetSize, Math.max(needed, 2L * target.length)));
        }
    }

    /** Copies the header into {@code target} at {@code targetPos}, then reads the payload (or completes at once). */
    private void startBox() throws ParseException {
        grow(targetPos + box.headerLength());
        System.arraycopy(header, 0, target, targetPos, box.headerLength());
        targetPos += box.headerLength();
        state = State.BOX;
        if (targetPos == targetSize) {
            complete();
        }
    }

    private void checkSize(BoxHeader h, long before, int max, String what) throws ParseException {
        if (h.size() > max - before) {
            throw ParseException.malformed("box " + BoxType.name(h.type()) + " of " + h.size() + " bytes makes the "
                    + what + " larger than the " + max + " bytes allowed");
        }
    }

    /** A whole box is in {@code target}. */
    private void complete() throws ParseException {
        int type = box.type();
        byte[] bytes = target;
        target = null;
        nextBox();
        if (type == BoxType.FTYP) {
            ftyp = bytes;
        } else if (type == BoxType.MOOV) {
            initialise(bytes);
        } else if (type == BoxType.MOOF) {
            fragment.addMoof(bytes, MoofReader.read(Box.whole(bytes), init));
        } else if (type == BoxType.MDAT) {
            FragmentClock.Stamp stamp = clock.stamp(fragment.moof());
            fragment.clear();
            listener.onFragment(bytes, stamp.keyframe(), stamp.millis());
        } else {
            fragment.add(bytes);
        }
    }

    private void initialise(byte[] moov) throws ParseException {
        InitSegment segment = InitSegmentReader.read(Box.whole(moov));
        byte[] bytes = moov;
        if (ftyp != null) {
            bytes = new byte[ftyp.length + moov.length];
            System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
            System.arraycopy(moov, 0, bytes, ftyp.length, moov.length);
            ftyp = null;
        }
        init = segment;
        clock = new FragmentClock(segment);
        listener.onInit(bytes, segment.mimeType());
        Track timing = segment.timingTrack();
        if (timing.video() && timing.width() > 0 && timing.height() > 0) {
            listener.onVideoInfo(timing.width(), timing.height(), 0); // the frame rate is not in the init segment
        }
    }

    private void nextBox() {
        state = State.HEADER;
        headerFill = 0;
    }

    private ParseException truncated(String what) {
        return ParseException.malformed("truncated: input ended inside " + what);
    }

    private ParseException failedEarlier() {
        String message = "failed earlier: " + failure;
        return failureMalformed ? ParseException.malformed(message) : ParseException.unsupported(message);
    }

    private void fail(ParseException e) {
        if (state != State.FAILED) {
            state = State.FAILED;
            failure = e.getMessage();
            failureMalformed = e.isMalformed();
            target = null;
            fragment.clear();
        }
    }
}
