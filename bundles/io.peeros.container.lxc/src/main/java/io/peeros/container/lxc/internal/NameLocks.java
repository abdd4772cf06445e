package io.peeros.container.lxc.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the operations on one container name (create against destroy, stop against start) with a
 * fixed set of striped locks, so nothing grows with the number of names ever used.
 */
final class NameLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    NameLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of all {@code names} in a fixed order; close the result to unlock. */
    Held lock(String... names) {
        int[] idx = Arrays.stream(names).mapToInt(n -> Math.floorMod(n.hashCode(), STRIPES)).distinct()
                .sorted().toArray();
        for (int i : idx) {
            locks[i].lock();
        }
        return () -> {
            for (int i = idx.length - 1; i >= 0; i--) {
                locks[idx[i]].unlock();
            }
        };
    }

    /** Locks held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
