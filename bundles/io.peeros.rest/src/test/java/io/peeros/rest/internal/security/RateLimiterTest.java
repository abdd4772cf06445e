package io.peeros.rest.internal.security;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(10), now::get);

    @Test
    public void allowsABurstThenAsksToWait() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1"));
        }

        assertEquals(1, limiter.acquire("10.0.0.1"));
    }

    @Test
    public void refillsOneCallPerPeriodShare() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("10.0.0.1");
        }

        now.addAndGet(Duration.ofMillis(1000).toNanos());

        assertEquals(0, limiter.acquire("10.0.0.1"));
        assertEquals(1, limiter.acquire("10.0.0.1"));
    }

    @Test
    public void neverExceedsTheBurst() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1"));
        }

        assertEquals(1, limiter.acquire("10.0.0.1"));
    }

    @Test
    public void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("10.0.0.1");
        }

        assertEquals(0, limiter.acquire("10.0.0.2"));
    }

    @Test
    public void waitGrowsWithTheDebt() {
        RateLimiter slow = new RateLimiter(1, Duration.ofSeconds(30), now::get);
        assertEquals(0, slow.acquire("a"));

        assertEquals(30, slow.acquire("a"));
    }
}
