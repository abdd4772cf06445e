package io.peeros.rest.internal.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code burst} calls at once, refilled evenly over {@code period}. Buckets
 * of clients that have been quiet long enough to be full again are dropped when many clients are tracked.
 */
public final class RateLimiter {

    private static final int MAX_TRACKED = 10_000;

    private final int burst;
    private final double nanosPerToken;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, Duration period) {
        this(burst, period, System::nanoTime);
    }

    RateLimiter(int burst, Duration period, LongSupplier nanoTime) {
        this.burst = burst;
        this.nanosPerToken = (double) period.toNanos() / burst;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one call from {@code client}'s bucket.
     *
     * @return zero when the call may go ahead, otherwise the whole seconds to wait before the next one will
     */
    public long acquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(now));
        return bucket.take(now);
    }

    private final class Bucket {

        private double tokens = burst;
        private long updated;

        Bucket(long now) {
            this.updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) / nanosPerToken);
            updated = now;
        }
    }
}
