package dev.kino.http.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.http.range.Preconditions.Outcome;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Conditional requests, RFC 9110 §13.1 and the evaluation order of §13.2.2. */
class PreconditionsTest {
    private static final String ETAG = "\"2710-18c2f4a5b80\"";
    private static final String OTHER = "\"2710-18c2f4a5b81\"";
    /** Sun, 06 Nov 1994 08:49:37 GMT */
    private static final long LAST_MODIFIED = 784111777L;
    private static final String AT = "Sun, 06 Nov 1994 08:49:37 GMT";
    private static final String BEFORE = "Sun, 06 Nov 1994 08:49:36 GMT";
    private static final String AFTER = "Sun, 06 Nov 1994 08:49:38 GMT";

    /** GET with the given header name/value pairs; names are looked up case-insensitively, as by the server. */
    private static Outcome get(String... headers) {
        return evaluate(true, headers);
    }

    private static Outcome put(String... headers) {
        return evaluate(false, headers);
    }

    private static Outcome evaluate(boolean getOrHead, String... headers) {
        return evaluateAt(LAST_MODIFIED, getOrHead, headers);
    }

    private static Outcome evaluateAt(long lastModified, boolean getOrHead, String... headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return Preconditions.evaluate(getOrHead, map::get, ETAG, lastModified);
    }

    @Test
    void noConditionalHeadersProceed() {
        assertEquals(Outcome.PROCEED, get());
        assertEquals(Outcome.PROCEED, put());
    }

    @Nested
    class IfMatch {
        @Test
        void matchingStrongTagProceeds() {
            assertEquals(Outcome.PROCEED, get("If-Match", ETAG));
        }

        @Test
        void otherTagFails() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", OTHER));
            assertEquals(Outcome.PRECONDITION_FAILED, put("If-Match", OTHER));
        }

        @Test
        void starMatchesAnExistingRepresentation() {
            assertEquals(Outcome.PROCEED, get("If-Match", "*"));
        }

        @Test
        void listContainingTheTagProceeds() {
            assertEquals(Outcome.PROCEED, get("If-Match", OTHER + ", " + ETAG));
            assertEquals(Outcome.PROCEED, get("If-Match", OTHER + "," + ETAG + " , \"zzz\""));
        }

        @Test
        void listWithoutTheTagFails() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", OTHER + ", \"zzz\""));
        }

        @Test
        void weakTagNeverMatchesStrongly() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", "W/" + ETAG));
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", "W/" + ETAG + ", " + OTHER));
        }

        @Test
        void unquotedOpaqueValueDoesNotMatch() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", ETAG.substring(1, ETAG.length() - 1)));
        }

        @Test
        void isEvaluatedBeforeIfNoneMatch() {
            // If-Match fails → 412, even though If-None-Match alone would give 304
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Match", OTHER, "If-None-Match", ETAG));
        }

        @Test
        void passingIfMatchStillLetsIfNoneMatchDecide() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-Match", ETAG, "If-None-Match", ETAG));
        }

        @Test
        void presentIfMatchMakesIfUnmodifiedSinceIrrelevant() {
            assertEquals(Outcome.PROCEED, get("If-Match", ETAG, "If-Unmodified-Since", BEFORE));
        }
    }

    @Nested
    class IfUnmodifiedSince {
        @Test
        void modifiedAfterTheDateFails() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Unmodified-Since", BEFORE));
            assertEquals(Outcome.PRECONDITION_FAILED, put("If-Unmodified-Since", BEFORE));
        }

        @Test
        void notModifiedSinceTheDateProceeds() {
            assertEquals(Outcome.PROCEED, get("If-Unmodified-Since", AT));
            assertEquals(Outcome.PROCEED, get("If-Unmodified-Since", AFTER));
        }

        @Test
        void invalidDateIsIgnored() {
            assertEquals(Outcome.PROCEED, get("If-Unmodified-Since", "yesterday"));
            assertEquals(Outcome.PROCEED, get("If-Unmodified-Since", ""));
        }

        @Test
        void isEvaluatedBeforeIfNoneMatch() {
            assertEquals(Outcome.PRECONDITION_FAILED, get("If-Unmodified-Since", BEFORE, "If-None-Match", ETAG));
        }
    }

    @Nested
    class IfNoneMatch {
        @Test
        void matchingTagIsNotModifiedForGetAndHead() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-None-Match", ETAG));
        }

        @Test
        void matchingTagFailsForOtherMethods() {
            assertEquals(Outcome.PRECONDITION_FAILED, put("If-None-Match", ETAG));
            assertEquals(Outcome.PRECONDITION_FAILED, put("If-None-Match", "*"));
        }

        @Test
        void weakComparisonIgnoresTheWeakPrefix() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-None-Match", "W/" + ETAG));
        }

        @Test
        void listContainingTheTagIsNotModified() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-None-Match", OTHER + ", W/" + ETAG));
            assertEquals(Outcome.NOT_MODIFIED, get("If-None-Match", "\"a\",\"b\",\t" + ETAG));
        }

        @Test
        void starMatchesAnExistingRepresentation() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-None-Match", "*"));
        }

        @Test
        void otherTagsProceed() {
            assertEquals(Outcome.PROCEED, get("If-None-Match", OTHER));
            assertEquals(Outcome.PROCEED, get("If-None-Match", OTHER + ", W/" + OTHER));
            assertEquals(Outcome.PROCEED, put("If-None-Match", OTHER));
        }

        @Test
        void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
            // the tag differs, so the representation changed even though the date says otherwise
            assertEquals(Outcome.PROCEED, get("If-None-Match", OTHER, "If-Modified-Since", AFTER));
        }
    }

    @Nested
    class IfModifiedSince {
        @Test
        void notModifiedSinceTheDate() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-Modified-Since", AT));
            assertEquals(Outcome.NOT_MODIFIED, get("If-Modified-Since", AFTER));
        }

        @Test
        void modifiedSinceTheDateProceeds() {
            assertEquals(Outcome.PROCEED, get("If-Modified-Since", BEFORE));
        }

        @Test
        void invalidDateIsIgnored() {
            assertEquals(Outcome.PROCEED, get("If-Modified-Since", "Sun, 06 Nov 1994 25:00:00 GMT"));
            assertEquals(Outcome.PROCEED, get("If-Modified-Since", "not a date"));
        }

        @Test
        void onlyAppliesToGetAndHead() {
            assertEquals(Outcome.PROCEED, put("If-Modified-Since", AFTER));
        }

        @Test
        void obsoleteAsctimeDateIsUnderstood() {
            assertEquals(Outcome.NOT_MODIFIED, get("If-Modified-Since", "Sun Nov  6 08:49:37 1994"));
        }
    }

    @Nested
    class IfRange {
        @Test
        void absentAllowsTheRange() {
            assertTrue(Preconditions.rangeAllowed(null, ETAG, LAST_MODIFIED));
        }

        @Test
        void exactStrongTagAllowsTheRange() {
            assertTrue(Preconditions.rangeAllowed(ETAG, ETAG, LAST_MODIFIED));
            assertTrue(Preconditions.rangeAllowed("  " + ETAG + " ", ETAG, LAST_MODIFIED));
        }

        @Test
        void otherTagSendsEverything() {
            assertFalse(Preconditions.rangeAllowed(OTHER, ETAG, LAST_MODIFIED));
        }

        @Test
        void weakTagSendsEverything() {
            assertFalse(Preconditions.rangeAllowed("W/" + ETAG, ETAG, LAST_MODIFIED));
        }

        @Test
        void dateEqualToLastModifiedAllowsTheRange() {
            assertTrue(Preconditions.rangeAllowed(AT, ETAG, LAST_MODIFIED));
        }

        @Test
        void anyOtherDateSendsEverything() {
            assertFalse(Preconditions.rangeAllowed(BEFORE, ETAG, LAST_MODIFIED));
            assertFalse(Preconditions.rangeAllowed(AFTER, ETAG, LAST_MODIFIED));
        }

        @Test
        void garbageSendsEverything() {
            assertFalse(Preconditions.rangeAllowed("garbage", ETAG, LAST_MODIFIED));
            assertFalse(Preconditions.rangeAllowed("", ETAG, LAST_MODIFIED));
            assertFalse(Preconditions.rangeAllowed("*", ETAG, LAST_MODIFIED));
        }
    }

    @Nested
    class WithoutLastModified {
        private Outcome unknown(String... headers) {
            return evaluateAt(Preconditions.UNKNOWN_MODIFIED, true, headers);
        }

        @Test
        void dateConditionsAreIgnored() {
            assertEquals(Outcome.PROCEED, unknown("If-Modified-Since", AFTER));
            assertEquals(Outcome.PROCEED, unknown("If-Unmodified-Since", BEFORE));
            assertFalse(Preconditions.rangeAllowed(AT, ETAG, Preconditions.UNKNOWN_MODIFIED));
        }

        @Test
        void entityTagsStillDecide() {
            assertEquals(Outcome.NOT_MODIFIED, unknown("If-None-Match", ETAG));
            assertEquals(Outcome.PRECONDITION_FAILED, unknown("If-Match", OTHER));
            assertTrue(Preconditions.rangeAllowed(ETAG, ETAG, Preconditions.UNKNOWN_MODIFIED));
        }
    }
}
