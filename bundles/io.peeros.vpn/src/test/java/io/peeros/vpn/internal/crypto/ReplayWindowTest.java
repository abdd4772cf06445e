package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow(Long.MAX_VALUE - 8192);

    @Test
    public void acceptsEachCounterOnceInAnyOrderWithinTheWindow() {
        for (long n = 1983; n >= 0; n--) {
            assertTrue(window.update(n));
        }
        for (long n = 0; n < 1984; n++) {
            assertFalse(window.check(n));
        }
    }

    @Test
    public void refusesCountersOlderThanTheWindow() {
        assertTrue(window.update(10_000));
        assertFalse(window.check(10_000 - ReplayWindow.SIZE - 1));
        assertTrue(window.update(10_000 - ReplayWindow.SIZE + 1));
    }

    @Test
    public void aLargeJumpClearsTheOldBits() {
        assertTrue(window.update(5));
        assertTrue(window.update(1_000_000));
        assertFalse(window.check(5));
        assertTrue(window.update(999_999));
        assertFalse(window.check(999_999));
    }

    @Test
    public void refusesNegativeAndExhaustedCounters() {
        assertFalse(window.check(-1));
        assertFalse(window.check(Long.MAX_VALUE));
        assertFalse(new ReplayWindow(100).check(100));
    }
}
