package dev.kino.http.range;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses an HTTP {@code Range} header (RFC 9110 §14) against a representation of known size. Pure.
 * <ul>
 *   <li>{@code a-b}, {@code a-} and suffix {@code -n}; the end is clamped to size−1, a suffix longer than the
 *       file means the whole file.</li>
 *   <li>A header that is not a valid {@code bytes} range set is ignored ({@link Full}), as is one with more
 *       ranges than {@code maxRanges} (as nginx {@code max_ranges}).</li>
 *   <li>Ranges that cannot be satisfied are dropped; if none is left the result is {@link Unsatisfiable}.</li>
 *   <li>Overlapping and adjacent ranges are coalesced, in ascending order.</li>
 * </ul>
 */
public final class ByteRange {
    /** An inclusive byte range {@code start..end}. */
    public record Span(long start, long end) {
        public long length() {
            return end - start + 1;
        }
    }

    /** What to send. */
    public sealed interface Result permits Full, Partial, Unsatisfiable {}

    /** The whole representation, 200. */
    public record Full() implements Result {}

    /** One or more ranges, 206. */
    public record Partial(List<Span> spans) implements Result {}

    /** Nothing satisfiable, 416. */
    public record Unsatisfiable() implements Result {}

    private static final Full FULL = new Full();
    private static final Unsatisfiable UNSATISFIABLE = new Unsatisfiable();
    private static final int MAX_DIGITS = 18;

    private ByteRange() {}

    public static Result parse(String header, long size, int maxRanges) {
        if (header == null) {
            return FULL;
        }
        String h = header.trim();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return FULL;
        }
        List<Span> spans = new ArrayList<>();
        int count = 0;
        for (String raw : h.substring(eq + 1).split(",", -1)) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            if (++count > maxRanges) {
                return FULL;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return FULL;
            }
            String first = spec.substring(0, dash);
            String last = spec.substring(dash + 1);
            if (!digits(first) || !digits(last) || (first.isEmpty() && last.isEmpty())) {
                return FULL;
            }
            if (first.isEmpty()) {
                long n = number(last);
                if (n > 0 && size > 0) {
                    spans.add(new Span(Math.max(0, size - n), size - 1));
                }
                continue;
            }
            if (!last.isEmpty() && compareDecimal(last, first) < 0) {
                return FULL;
            }
            long a = number(first);
            long b = last.isEmpty() ? Long.MAX_VALUE : number(last);
            if (a < size) {
                spans.add(new Span(a, Math.min(b, size - 1)));
            }
        }
        if (count == 0) {
            return FULL;
        }
        return spans.isEmpty() ? UNSATISFIABLE : new Partial(coalesce(spans));
    }

    static List<Span> coalesce(List<Span> spans) {
        if (spans.size() < 2) {
            return List.copyOf(spans);
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::start));
        List<Span> out = new ArrayList<>();
        Span cur = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Span next = sorted.get(i);
            if (next.start() <= cur.end() + 1) {
                cur = new Span(cur.start(), Math.max(cur.end(), next.end()));
            } else {
                out.add(cur);
                cur = next;
            }
        }
        out.add(cur);
        return List.copyOf(out);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Compares two non-negative decimals of any length. */
    private static int compareDecimal(String x, String y) {
        String a = withoutLeadingZeros(x);
        String b = withoutLeadingZeros(y);
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    /** A non-negative decimal; values too large for a long saturate, which is right for both ends of a range. */
    private static long number(String s) {
        String t = withoutLeadingZeros(s);
        return t.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(t);
    }

    /** "007" → "7", "000" → "0": without a regex, which cost a compile per call on the hot path. */
    private static String withoutLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
