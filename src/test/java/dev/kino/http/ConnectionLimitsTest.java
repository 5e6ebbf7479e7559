package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void capsPerAddressThenInAll() {
        ConnectionLimits limits = new ConnectionLimits(5, 2);
        assertTrue(limits.tryAcquire("a"));
        assertTrue(limits.tryAcquire("a"));
        assertFalse(limits.tryAcquire("a"), "a third from one address");
        assertTrue(limits.tryAcquire("b"));
        assertTrue(limits.tryAcquire("b"));
        assertTrue(limits.tryAcquire("c"));
        assertFalse(limits.tryAcquire("d"), "a sixth in all");
        assertEquals(5, limits.total(), "a refused connection is not counted");
        limits.release("a");
        assertEquals(1, limits.held("a"));
        assertTrue(limits.tryAcquire("d"), "a freed place is taken by another address");
        assertFalse(limits.tryAcquire("a"));
    }

    @Test
    void releasingForgetsAnAddressAndZeroMeansNoCapPerAddress() {
        ConnectionLimits limits = new ConnectionLimits(3, 2);
        limits.tryAcquire("a");
        limits.release("a");
        assertEquals(0, limits.held("a"));
        assertEquals(0, limits.total());
        ConnectionLimits open = new ConnectionLimits(3, 0);
        assertTrue(open.tryAcquire("a") && open.tryAcquire("a") && open.tryAcquire("a"));
        assertFalse(open.tryAcquire("a"), "the total cap still holds");
        open.release("a");
        assertEquals(2, open.total());
    }
}
