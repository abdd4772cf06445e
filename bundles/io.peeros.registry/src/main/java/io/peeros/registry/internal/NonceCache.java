package io.peeros.registry.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Nonces of registration requests accepted recently, so that a replayed request is refused. Only accepted
 * requests are recorded, and those are bounded by the pending-request limit, so the capacity is a backstop.
 */
final class NonceCache {

    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    /** Outcome of {@link #remember}. */
    enum Outcome { NEW, REPLAYED, FULL }

    /** Whether {@code nonce} was recorded and has not expired yet. */
    synchronized boolean seen(String nonce, Instant now) {
        Instant expiry = seen.get(nonce);
        return expiry != null && expiry.isAfter(now);
    }

    /** Records {@code nonce} until {@code until}, unless it was seen before or the cache is full. */
    synchronized Outcome remember(String nonce, Instant now, Instant until) {
        seen.values().removeIf(expiry -> !expiry.isAfter(now));
        if (seen.containsKey(nonce)) {
            return Outcome.REPLAYED;
        }
        if (seen.size() >= capacity) {
            return Outcome.FULL;
        }
        seen.put(nonce, until);
        return Outcome.NEW;
    }
}
