package io.peeros.vpn.internal.node;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The learning switch of one swarm: source MAC of an authenticated frame → the member it came from, aged out
 * after {@code ageMillis}. Fixed size, open addressing over at most {@link #PROBES} slots, so a member that
 * sends frames from many MACs can only evict entries, never grow the table. Written by the receive thread,
 * read lock-free by the TAP thread; an entry is an immutable object replaced at most once a second per MAC.
 */
final class MacTable {
    private static final int SIZE = 4096;
    private static final int PROBES = 8;

    private record Entry(long mac, Member member, long seen) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SIZE);
    private final long ageMillis;

    MacTable(long ageMillis) {
        this.ageMillis = ageMillis;
    }

    /** The member behind unicast {@code mac}, or null (unknown, aged out or removed: flood). */
    Member lookup(long mac, long now) {
        int h = hash(mac);
        for (int i = 0; i < PROBES; i++) {
            Entry e = slots.get((h + i) & (SIZE - 1));
            if (e != null && e.mac == mac) {
                return now - e.seen < ageMillis && !e.member.removed ? e.member : null;
            }
        }
        return null;
    }

    void learn(long mac, Member m, long now) {
        int h = hash(mac);
        int victim = -1;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < PROBES; i++) {
            int s = (h + i) & (SIZE - 1);
            Entry e = slots.get(s);
            if (e != null && e.mac == mac) {
                if (e.member != m || now - e.seen >= 1000) {
                    slots.set(s, new Entry(mac, m, now));
                }
                return;
            }
            long seen = e == null || now - e.seen >= ageMillis || e.member.removed ? Long.MIN_VALUE : e.seen;
            if (seen < oldest) {
                oldest = seen;
                victim = s;
            }
        }
        slots.set(victim, new Entry(mac, m, now));
    }

    /** Forgets every MAC of {@code m} (left the swarm). */
    void forget(Member m) {
        for (int i = 0; i < SIZE; i++) {
            Entry e = slots.get(i);
            if (e != null && e.member == m) {
                slots.compareAndSet(i, e, null);
            }
        }
    }

    int size(long now) {
        int n = 0;
        for (int i = 0; i < SIZE; i++) {
            Entry e = slots.get(i);
            n += e != null && now - e.seen < ageMillis && !e.member.removed ? 1 : 0;
        }
        return n;
    }

    private static int hash(long mac) {
        long x = mac * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }
}
