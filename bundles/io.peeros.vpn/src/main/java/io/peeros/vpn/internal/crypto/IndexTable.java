package io.peeros.vpn.internal.crypto;

import java.util.Arrays;

/**
 * Receiver index to session state (transport keys, a pending handshake or the tombstone of a removed member).
 * Copy-on-write open addressing: lookups on the data path take no lock and allocate nothing; writes (one per
 * handshake) copy the table.
 */
final class IndexTable {

    private static final class Snapshot {
        final int[] keys;
        final Object[] values;
        final int size;

        Snapshot(int capacity, int size) {
            this.keys = new int[capacity];
            this.values = new Object[capacity];
            this.size = size;
        }
    }

    private volatile Snapshot snapshot = new Snapshot(16, 0);

    Object get(int index) {
        Snapshot s = snapshot;
        int mask = s.keys.length - 1;
        for (int i = mix(index) & mask;; i = (i + 1) & mask) {
            Object v = s.values[i];
            if (v == null) {
                return null;
            }
            if (s.keys[i] == index) {
                return v;
            }
        }
    }

    synchronized boolean contains(int index) {
        return get(index) != null;
    }

    synchronized void put(int index, Object value) {
        rebuild(index, value);
    }

    /** Removes {@code index} only while it still maps to {@code expected}. */
    synchronized void remove(int index, Object expected) {
        if (get(index) == expected) {
            rebuild(index, null);
        }
    }

    synchronized int size() {
        return snapshot.size;
    }

    private void rebuild(int index, Object value) {
        Snapshot old = snapshot;
        int entries = old.size + 1;
        int capacity = 16;
        while (capacity < entries * 2) {
            capacity <<= 1;
        }
        Snapshot next = new Snapshot(capacity, 0);
        int size = 0;
        for (int i = 0; i < old.keys.length; i++) {
            if (old.values[i] != null && old.keys[i] != index) {
                insert(next, old.keys[i], old.values[i]);
                size++;
            }
        }
        if (value != null) {
            insert(next, index, value);
            size++;
        }
        Snapshot sized = new Snapshot(capacity, size);
        System.arraycopy(next.keys, 0, sized.keys, 0, capacity);
        System.arraycopy(next.values, 0, sized.values, 0, capacity);
        snapshot = sized;
        Arrays.fill(next.values, null);
    }

    private static void insert(Snapshot s, int key, Object value) {
        int mask = s.keys.length - 1;
        int i = mix(key) & mask;
        while (s.values[i] != null) {
            i = (i + 1) & mask;
        }
        s.keys[i] = key;
        s.values[i] = value;
    }

    private static int mix(int x) {
        x *= 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
