package dev.kino.live.ingest.rtmp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Splitting names at their query, merging two raw queries, and finding a value. */
class QueryParametersTest {
    @Test
    void splitsAtTheFirstQuestionMark() {
        assertArrayEquals(new String[] {"cam1", "key=a?b"}, QueryParameters.splitAtQuestionMark("cam1?key=a?b"));
        assertArrayEquals(new String[] {"cam1", ""}, QueryParameters.splitAtQuestionMark("cam1"));
        assertArrayEquals(new String[] {"", "k"}, QueryParameters.splitAtQuestionMark("?k"));
    }

    @Test
    void mergesTheSecondOverTheFirstKeepingRawValues() {
        assertEquals("a=1&key=new&flag&b=%20", QueryParameters.merge("a=1&key=old&flag", "key=new&&b=%20"));
        assertEquals("", QueryParameters.merge("", ""));
        assertEquals("x=1", QueryParameters.merge("", "x=1"));
        assertEquals("flag=1", QueryParameters.merge("flag", "flag=1"));
    }

    @Test
    void findsTheRawValueOfAName() {
        assertEquals(java.util.Optional.of("a%20b"), QueryParameters.value("x=1&key=a%20b&key=2", "key"));
        assertEquals(java.util.Optional.of(""), QueryParameters.value("flag&x=1", "flag"));
        assertEquals(java.util.Optional.empty(), QueryParameters.value("keys=1", "key"));
        assertEquals(java.util.Optional.empty(), QueryParameters.value(null, "key"));
    }
}
