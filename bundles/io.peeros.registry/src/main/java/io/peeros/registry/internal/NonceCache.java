package io.peeros.registry.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Nonces of registration messages seen recently, so that a replayed message is refused. */
final class NonceCache {

    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    /** Outcome of {@link #remember}. */
    enum Outcome { NEW, REPLAYED, FULL }

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
