package io.peeros.vpn.internal.node;

import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Datagrams no swarm of the node claims, by cause; every swarm's status includes them. */
final class Unclaimed {
    private final LongAdder[] counts = new LongAdder[DropCause.values().length];

    Unclaimed() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts {@code d}: a transport or handshake message under an index nobody knows is STALE_KEY, else MALFORMED. */
    void count(ByteBuffer d) {
        int p = d.position();
        boolean routed = d.remaining() >= 8 && d.get(p) >= 2 && d.get(p) <= 4 && d.get(p + 1) == 0
                && d.get(p + 2) == 0 && d.get(p + 3) == 0;
        counts[(routed ? DropCause.STALE_KEY : DropCause.MALFORMED).ordinal()].increment();
    }

    /** Adds the non-zero counts to {@code drops}. */
    void addTo(Map<DropCause, Long> drops) {
        for (DropCause c : DropCause.values()) {
            long u = counts[c.ordinal()].sum();
            if (u > 0) {
                drops.merge(c, u, Long::sum);
            }
        }
    }
}
