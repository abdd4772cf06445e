package io.peeros.container.lxc.internal.quota;

import java.util.concurrent.locks.ReentrantLock;

/** Serializes quota changes per container name with 64 striped locks; reentrant, so one change may nest. */
final class NameLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[64];

    NameLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The lock of {@code name}; lock and unlock it in a try/finally. */
    ReentrantLock of(String name) {
        return stripes[Math.floorMod(name.hashCode(), stripes.length)];
    }
}
