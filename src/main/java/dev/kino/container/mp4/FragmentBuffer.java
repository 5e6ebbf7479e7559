package dev.kino.container.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * The boxes of a fragment received so far, before its {@code mdat}: {@code styp}, {@code sidx}, {@code moof} and any
 * box between them. Once the mdat header is known, {@link #open} allocates the whole fragment once, so the mdat
 * payload is copied only once, straight into the array the listener receives.
 */
final class FragmentBuffer {
    private final List<byte[]> boxes = new ArrayList<>();
    private int length;
    private List<TrafSummary> moof;

    boolean isStarted() {
        return !boxes.isEmpty();
    }

    boolean hasMoof() {
        return moof != null;
    }

    /** Bytes held so far. */
    int length() {
        return length;
    }

    void add(byte[] box) {
        boxes.add(box);
        length += box.length;
    }

    void addMoof(byte[] box, List<TrafSummary> trafs) {
        add(box);
        moof = trafs;
    }

    List<TrafSummary> moof() {
        return moof;
    }

    /**
     * An array of {@code capacity} bytes (at least {@link #length()}) holding the boxes so far; the caller fills in
     * the mdat, growing the array as its bytes arrive.
     */
    byte[] open(int capacity) {
        byte[] fragment = new byte[capacity];
        int pos = 0;
        for (byte[] b : boxes) {
            System.arraycopy(b, 0, fragment, pos, b.length);
            pos += b.length;
        }
        return fragment;
    }

    void clear() {
        boxes.clear();
        length = 0;
        moof = null;
    }
}
