package io.peeros.identity.internal.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per user name: after {@value #FREE_FAILURES} consecutive failures a name
 * is refused for 2^(n-5) seconds (n = consecutive failures), at most five minutes. A success resets it.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(5);
    // Bounds the memory an attacker can make us spend by guessing many different names.
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether an attempt for {@code name} may be checked now. */
    boolean allows(String name) {
        Failures f = failures.get(key(name));
        return f == null || !clock.instant().isBefore(f.lockedUntil());
    }

    void failed(String name) {
        if (failures.size() >= MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> !now.isBefore(f.lockedUntil()) && f.count() < FREE_FAILURES);
        }
        failures.compute(key(name), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = count < FREE_FAILURES ? Instant.MIN : clock.instant().plus(lock(count));
            return new Failures(count, until);
        });
    }

    void succeeded(String name) {
        failures.remove(key(name));
    }

    static Duration lock(int count) {
        int exponent = count - FREE_FAILURES;
        if (exponent >= 9) {
            return MAX_LOCK;
        }
        Duration lock = Duration.ofSeconds(1L << exponent);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static String key(String name) {
        String n = name == null ? "" : name;
        return n.length() > 64 ? n.substring(0, 64) : n;
    }
}
