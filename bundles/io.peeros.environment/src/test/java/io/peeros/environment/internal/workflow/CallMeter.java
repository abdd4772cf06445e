package io.peeros.environment.internal.workflow;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Counts the agent calls in flight over every peer that shares it and keeps the highest count; each call is held
 * a few milliseconds so that calls made at once do overlap.
 */
final class CallMeter {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    <T> T call(Supplier<T> call) {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        calls.incrementAndGet();
        try {
            Thread.sleep(20);
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    int most() {
        return most.get();
    }

    int calls() {
        return calls.get();
    }
}
