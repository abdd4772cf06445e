package io.peeros.vpn.internal.crypto;

import io.peeros.vpn.api.DropCause;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Dropped datagrams by cause, safe for concurrent receive threads. */
public final class DropCounters {

    private final LongAdder[] counters = new LongAdder[DropCause.values().length];

    DropCounters() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    void count(DropCause cause) {
        counters[cause.ordinal()].increment();
    }

    public long get(DropCause cause) {
        return counters[cause.ordinal()].sum();
    }

    public long total() {
        long sum = 0;
        for (LongAdder c : counters) {
            sum += c.sum();
        }
        return sum;
    }

    /** The non-zero counters. */
    public Map<DropCause, Long> snapshot() {
        Map<DropCause, Long> out = new EnumMap<>(DropCause.class);
        for (DropCause cause : DropCause.values()) {
            long v = get(cause);
            if (v > 0) {
                out.put(cause, v);
            }
        }
        return out;
    }
}
