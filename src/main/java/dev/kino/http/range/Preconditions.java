package dev.kino.http.range;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Conditional requests (RFC 9110 §13.2.2): If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since in
 * that order, and If-Range. Pure: headers come in through a lookup function.
 */
public final class Preconditions {
    /** What the preconditions decide before any range is looked at. */
    public enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    /** The modification time of a representation that has none (torrent content): date conditions are ignored. */
    public static final long UNKNOWN_MODIFIED = Long.MIN_VALUE;

    private Preconditions() {}

    public static Outcome evaluate(boolean getOrHead, Function<String, String> header, String etag, long lastModifiedSeconds) {
        String ifMatch = header.apply("If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            OptionalLong ius = HttpDates.parseSeconds(header.apply("If-Unmodified-Since"));
            if (ius.isPresent() && lastModifiedSeconds != UNKNOWN_MODIFIED && lastModifiedSeconds > ius.getAsLong()) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = header.apply("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag, false)) {
                return getOrHead ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (getOrHead) {
            OptionalLong ims = HttpDates.parseSeconds(header.apply("If-Modified-Since"));
            if (ims.isPresent() && lastModifiedSeconds != UNKNOWN_MODIFIED && lastModifiedSeconds <= ims.getAsLong()) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range may be honoured given {@code If-Range}: absent → yes; an entity tag → only if it strongly
     * matches; a date → only if it equals Last-Modified. Anything else (a weak tag, garbage) → no, send it all.
     */
    public static boolean rangeAllowed(String ifRange, String etag, long lastModifiedSeconds) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"")) {
            return v.equals(etag);
        }
        if (v.startsWith("W/")) {
            return false;
        }
        OptionalLong date = HttpDates.parseSeconds(v);
        return date.isPresent() && lastModifiedSeconds != UNKNOWN_MODIFIED && date.getAsLong() == lastModifiedSeconds;
    }

    /** {@code *} or a list of entity tags; strong comparison ignores weak tags, weak comparison ignores the W/. */
    public static boolean matches(String headerValue, String etag, boolean strong) {
        String v = headerValue.trim();
        if (v.equals("*")) {
            return true;
        }
        for (String tag : tags(v)) {
            boolean weak = tag.startsWith("W/");
            String opaque = weak ? tag.substring(2) : tag;
            if (opaque.equals(etag) && !(strong && weak)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tags(String v) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (v.startsWith("W/", i)) {
                i += 2;
            }
            if (i < v.length() && v.charAt(i) == '"') {
                int close = v.indexOf('"', i + 1);
                if (close < 0) {
                    break;
                }
                i = close + 1;
            } else {
                while (i < v.length() && v.charAt(i) != ',') {
                    i++;
                }
            }
            out.add(v.substring(start, i).trim());
        }
        return out;
    }
}
