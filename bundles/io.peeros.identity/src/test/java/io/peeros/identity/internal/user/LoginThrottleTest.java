package io.peeros.identity.internal.user;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.internal.MutableClock;
import java.time.Duration;
import org.junit.Test;

public class LoginThrottleTest {

    private final MutableClock clock = MutableClock.now();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    public void lockDoublesFromOneSecondAndIsCappedAtFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), LoginThrottle.lock(5));
        assertEquals(Duration.ofSeconds(2), LoginThrottle.lock(6));
        assertEquals(Duration.ofSeconds(256), LoginThrottle.lock(13));
        assertEquals(Duration.ofMinutes(5), LoginThrottle.lock(14));
        assertEquals(Duration.ofMinutes(5), LoginThrottle.lock(1000));
    }

    @Test
    public void fourFailuresAreFreeTheFifthLocksAndEachFurtherOneDoubles() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice");
        }
        assertTrue(throttle.allows("alice"));

        throttle.failed("alice");
        assertFalse(throttle.allows("alice"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.allows("alice"));

        throttle.failed("alice");
        clock.advance(Duration.ofMillis(1999));
        assertFalse(throttle.allows("alice"));
        clock.advance(Duration.ofMillis(1));
        assertTrue(throttle.allows("alice"));

        throttle.succeeded("alice");
        throttle.failed("alice");
        assertTrue("a success starts the count again", throttle.allows("alice"));
    }
}
