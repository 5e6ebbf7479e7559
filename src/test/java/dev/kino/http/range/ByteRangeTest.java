package dev.kino.http.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.http.range.ByteRange.Full;
import dev.kino.http.range.ByteRange.Partial;
import dev.kino.http.range.ByteRange.Result;
import dev.kino.http.range.ByteRange.Span;
import dev.kino.http.range.ByteRange.Unsatisfiable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range header parsing, RFC 9110 §14.1.2 and §14.2. */
class ByteRangeTest {
    private static final long SIZE = 10_000;
    private static final int MAX = 16;

    private static Result parse(String header) {
        return ByteRange.parse(header, SIZE, MAX);
    }

    /** A Partial result with the given inclusive (start, end) pairs. */
    private static Partial partial(long... startEndPairs) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < startEndPairs.length; i += 2) {
            spans.add(new Span(startEndPairs[i], startEndPairs[i + 1]));
        }
        return new Partial(spans);
    }

    private static void assertFull(Result r) {
        assertInstanceOf(Full.class, r);
    }

    private static void assertUnsatisfiable(Result r) {
        assertInstanceOf(Unsatisfiable.class, r);
    }

    // --- single ranges ----------------------------------------------------------------------------------------

    @Test
    void firstAndLastPosition() {
        assertEquals(partial(0, 499), parse("bytes=0-499"));
        assertEquals(partial(500, 999), parse("bytes=500-999"));
    }

    @Test
    void singleByteRange() {
        Partial p = assertInstanceOf(Partial.class, parse("bytes=42-42"));
        assertEquals(List.of(new Span(42, 42)), p.spans());
        assertEquals(1, p.spans().get(0).length());
    }

    @Test
    void openEndedRangeRunsToTheLastByte() {
        assertEquals(partial(9500, 9999), parse("bytes=9500-"));
        assertEquals(partial(0, 9999), parse("bytes=0-"));
    }

    @Test
    void lastByteOnly() {
        assertEquals(partial(9999, 9999), parse("bytes=9999-"));
        assertEquals(partial(9999, 9999), parse("bytes=-1"));
    }

    @Test
    void endBeyondTheFileIsClampedToTheLastByte() {
        assertEquals(partial(9000, 9999), parse("bytes=9000-10000"));
        assertEquals(partial(9000, 9999), parse("bytes=9000-123456789"));
    }

    @Test
    void suffixRangeIsTheLastNBytes() {
        assertEquals(partial(9500, 9999), parse("bytes=-500"));
    }

    @Test
    void suffixLongerThanTheFileIsTheWholeFile() {
        assertEquals(partial(0, 9999), parse("bytes=-10000"));
        assertEquals(partial(0, 9999), parse("bytes=-20000"));
    }

    @Test
    void spanLengthCountsBothEnds() {
        Partial p = assertInstanceOf(Partial.class, parse("bytes=100-199"));
        assertEquals(100, p.spans().get(0).length());
    }

    // --- unsatisfiable ------------------------------------------------------------------------------------------

    @Test
    void zeroLengthSuffixIsUnsatisfiable() {
        assertUnsatisfiable(parse("bytes=-0"));
    }

    @Test
    void startAtOrBeyondTheEndIsUnsatisfiable() {
        assertUnsatisfiable(parse("bytes=10000-"));
        assertUnsatisfiable(parse("bytes=10000-10005"));
        assertUnsatisfiable(parse("bytes=20000-30000"));
    }

    @Test
    void everyRangeOfAnEmptyFileIsUnsatisfiable() {
        assertUnsatisfiable(ByteRange.parse("bytes=0-", 0, MAX));
        assertUnsatisfiable(ByteRange.parse("bytes=0-0", 0, MAX));
        assertUnsatisfiable(ByteRange.parse("bytes=-5", 0, MAX));
    }

    @Test
    void unsatisfiableRangesAmongSatisfiableOnesAreDropped() {
        assertEquals(partial(0, 9, 9990, 9999), parse("bytes=0-9,20000-,-10,10000-10001,-0"));
    }

    @Test
    void allRangesUnsatisfiableIs416() {
        assertUnsatisfiable(parse("bytes=10000-,20000-20001,-0"));
    }

    // --- ignored headers (send the whole file) ----------------------------------------------------------------

    @Test
    void absentHeaderMeansWholeFile() {
        assertFull(parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "bytes",                // no '='
        "0-499",                // no unit
        "items=0-4",            // unit we don't understand
        "bytesx=0-4",
        "bytes=",               // empty range set
        "bytes= , ,",           // only empty elements
        "bytes=-",              // neither first nor last
        "bytes=500-499",        // last < first
        "bytes=0-1,500-499",    // one invalid spec invalidates the set
        "bytes=abc-def",
        "bytes=0-x",
        "bytes=1e3-",
        "bytes=+5-10",
        "bytes=0x10-0x20",
        "bytes=5",              // no dash
        "bytes=0-1-2",
        "bytes=0 -5",           // whitespace inside a spec
        "bytes=--5",
        "bytes=-5-",
        "bytes=0-1;2-3",
        "bytes=١-٢",            // non-ASCII digits
    })
    void invalidSyntaxIsIgnored(String header) {
        assertFull(parse(header));
    }

    @Test
    void unitIsCaseInsensitive() {
        assertEquals(partial(0, 9), parse("BYTES=0-9"));
        assertEquals(partial(0, 9), parse("Bytes=0-9"));
    }

    @Test
    void surroundingWhitespaceAndOwsAroundCommasAreAccepted() {
        assertEquals(partial(0, 9, 20, 29), parse("  bytes=0-9 ,\t20-29  "));
        assertEquals(partial(0, 9, 20, 29), parse("bytes=0-9,   20-29"));
    }

    @Test
    void emptyListElementsAreSkipped() {
        // RFC 9110 §5.6.1: a recipient MUST accept and ignore empty list elements
        assertEquals(partial(0, 9, 20, 29), parse("bytes=,0-9,,20-29,"));
        assertEquals(partial(0, 9, 20, 29), parse("bytes=0-9, ,20-29"));
    }

    @Test
    void leadingZerosAreDecimal() {
        assertEquals(partial(8, 9), parse("bytes=0008-0009"));
        assertEquals(partial(9990, 9999), parse("bytes=-0010"));
        assertEquals(partial(0, 0), parse("bytes=000-000"));
        // many zeros do not make a small number look huge
        assertEquals(partial(5, 7), parse("bytes=0000000000000000000000000005-0000000000000000000000000007"));
    }

    @Test
    void numbersBeyondTheLongRangeDoNotOverflow() {
        // Digits are digits (RFC 9110 §14.1.2 has no upper bound): a huge last-pos is clamped, a huge first-pos
        // is past the end, a huge suffix is the whole file. None may wrap around to a negative number.
        assertEquals(partial(100, 9999), parse("bytes=100-99999999999999999999999999999"));
        assertEquals(partial(0, 9999), parse("bytes=-99999999999999999999999999999"));
        assertUnsatisfiable(parse("bytes=99999999999999999999999999999-"));
        assertEquals(partial(100, 9999), parse("bytes=100-9223372036854775807"));
        assertEquals(partial(100, 9999), parse("bytes=100-9223372036854775808"));
        // last-pos < first-pos is invalid even when both are too large for a long: the header is ignored
        assertEquals(new ByteRange.Full(), parse("bytes=99999999999999999999-99999999999999999998"));
        assertUnsatisfiable(parse("bytes=99999999999999999998-99999999999999999999"));
    }

    @Test
    void veryLargeFile() {
        long size = 5L * 1024 * 1024 * 1024 * 1024; // 5 TiB
        assertEquals(partial(size - 1000, size - 1), ByteRange.parse("bytes=-1000", size, MAX));
        assertEquals(partial(4_000_000_000L, size - 1), ByteRange.parse("bytes=4000000000-", size, MAX));
    }

    // --- max ranges -------------------------------------------------------------------------------------------

    @Test
    void moreRangesThanTheLimitAreIgnored() {
        assertEquals(partial(0, 0, 2, 2, 4, 4), ByteRange.parse("bytes=0-0,2-2,4-4", SIZE, 3));
        assertFull(ByteRange.parse("bytes=0-0,2-2,4-4,6-6", SIZE, 3));
    }

    @Test
    void limitCountsUnsatisfiableRangesButNotEmptyElements() {
        assertFull(ByteRange.parse("bytes=0-0,20000-,30000-", SIZE, 2));
        assertEquals(partial(0, 0, 2, 2), ByteRange.parse("bytes=0-0,,,2-2,", SIZE, 2));
    }

    @Test
    void manySmallRangesAreIgnoredEvenIfTheyWouldCoalesce() {
        StringBuilder h = new StringBuilder("bytes=0-0");
        for (int i = 1; i < 100; i++) {
            h.append(',').append(i).append('-').append(i);
        }
        assertFull(ByteRange.parse(h.toString(), SIZE, MAX));
        assertEquals(partial(0, 99), ByteRange.parse(h.toString(), SIZE, 100));
    }

    // --- coalescing -------------------------------------------------------------------------------------------

    @Test
    void overlappingRangesAreMerged() {
        assertEquals(partial(0, 199), parse("bytes=0-99,50-199"));
        assertEquals(partial(0, 999), parse("bytes=0-999,100-200"));    // contained
        assertEquals(partial(0, 99), parse("bytes=0-99,0-99"));         // duplicate
    }

    @Test
    void adjacentRangesAreMerged() {
        assertEquals(partial(0, 199), parse("bytes=0-99,100-199"));
        assertEquals(partial(0, 9999), parse("bytes=0-4999,5000-"));
        assertEquals(partial(9000, 9999), parse("bytes=9000-9499,-500"));
    }

    @Test
    void rangesWithAGapStaySeparate() {
        assertEquals(partial(0, 99, 101, 199), parse("bytes=0-99,101-199"));
    }

    @Test
    void rangesAreReturnedInAscendingOrder() {
        assertEquals(partial(0, 9, 100, 109, 9990, 9999), parse("bytes=-10,100-109,0-9"));
    }

    @Test
    void outOfOrderChainIsMergedIntoOne() {
        assertEquals(partial(0, 299), parse("bytes=200-299,0-99,100-199"));
        assertEquals(partial(10, 60), parse("bytes=50-60,10-20,15-55"));
    }

    @Test
    void suffixAndOpenRangeOverlapping() {
        assertEquals(partial(9000, 9999), parse("bytes=-500,9000-"));
    }

    // --- properties -------------------------------------------------------------------------------------------

    @Test
    void randomRangeSetsKeepTheInvariants() {
        Random random = new Random(20250101L);
        for (int iteration = 0; iteration < 2000; iteration++) {
            int size = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(300);
            int count = 1 + random.nextInt(6);
            boolean[] requested = new boolean[size];
            boolean anySatisfiable = false;
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "bytes=" : "Bytes=");
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    header.append(random.nextBoolean() ? "," : " ,\t");
                }
                int kind = random.nextInt(3);
                if (kind == 0) { // a-b
                    int a = random.nextInt(size + 20);
                    int b = a + random.nextInt(size + 20);
                    header.append(a).append('-').append(b);
                    for (int x = a; x <= Math.min(b, size - 1); x++) {
                        requested[x] = true;
                        anySatisfiable = true;
                    }
                } else if (kind == 1) { // a-
                    int a = random.nextInt(size + 20);
                    header.append(a).append('-');
                    for (int x = a; x < size; x++) {
                        requested[x] = true;
                        anySatisfiable = true;
                    }
                } else { // -n
                    int n = random.nextInt(size + 20);
                    header.append('-').append(n);
                    for (int x = Math.max(0, size - n); x < size; x++) {
                        requested[x] = true;
                        anySatisfiable = true;
                    }
                }
            }
            String h = header.toString();
            Result result = ByteRange.parse(h, size, MAX);

            if (!anySatisfiable) {
                assertInstanceOf(Unsatisfiable.class, result, h + " size " + size);
                continue;
            }
            Partial partial = assertInstanceOf(Partial.class, result, h + " size " + size);
            List<Span> spans = partial.spans();
            assertTrue(!spans.isEmpty(), h);
            boolean[] covered = new boolean[size];
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i);
                assertTrue(s.start() >= 0 && s.start() <= s.end() && s.end() <= size - 1,
                        "span " + s + " outside [0," + (size - 1) + "] for " + h);
                if (i > 0) {
                    Span prev = spans.get(i - 1);
                    assertTrue(s.start() > prev.end() + 1,
                            "spans " + prev + " and " + s + " are unsorted, overlapping or adjacent for " + h);
                }
                for (long x = s.start(); x <= s.end(); x++) {
                    covered[(int) x] = true;
                }
            }
            for (int x = 0; x < size; x++) {
                assertEquals(requested[x], covered[x], "byte " + x + " of " + size + " for " + h);
            }
        }
    }
}
