package io.peeros.vpn.internal.crypto;

import java.util.Arrays;

/**
 * A sliding anti-replay window of 2048 bits over 64-bit counters (RFC 6479, as in WireGuard). Counters up to
 * 1984 below the highest seen are accepted once each, in any order; older ones are refused. {@link #check}
 * runs before decryption and changes nothing, {@link #update} only after the packet authenticated, so forged
 * packets cannot move the window.
 */
final class ReplayWindow {

    static final int BITS = 2048;
    private static final int WORD_BITS = 64;
    private static final int WORDS = BITS / WORD_BITS;
    /** Guaranteed window: one word is always being recycled. */
    static final long SIZE = BITS - WORD_BITS;

    private final long[] bitmap = new long[WORDS];
    private final long limit;
    /** The highest counter accepted plus one; 0 when nothing was accepted yet. */
    private long top;

    ReplayWindow(long limit) {
        this.limit = limit;
    }

    /** Whether {@code counter} may be new: within the limit, not too old and not seen. */
    boolean check(long counter) {
        if (counter < 0 || counter >= limit) {
            return false;
        }
        long c = counter + 1;
        if (c + SIZE < top) {
            return false;
        }
        if (c > top) {
            return true;
        }
        return (bitmap[(int) ((c >>> 6) & (WORDS - 1))] & (1L << (c & 63))) == 0;
    }

    /** Marks an authenticated counter as seen; returns false when it was a replay after all. */
    boolean update(long counter) {
        if (!check(counter)) {
            return false;
        }
        long c = counter + 1;
        long index = c >>> 6;
        if (c > top) {
            long current = top >>> 6;
            long clear = Math.min(index - current, WORDS);
            for (long i = 1; i <= clear; i++) {
                bitmap[(int) ((current + i) & (WORDS - 1))] = 0;
            }
            top = c;
        }
        bitmap[(int) (index & (WORDS - 1))] |= 1L << (c & 63);
        return true;
    }

    /** The bitmap followed by the top, for a handover. */
    long[] state() {
        long[] s = Arrays.copyOf(bitmap, WORDS + 1);
        s[WORDS] = top;
        return s;
    }

    /** Takes over a window from {@link #state()}. */
    void restore(long[] s) {
        if (s == null || s.length != WORDS + 1 || s[WORDS] < 0) {
            throw new IllegalArgumentException("replay window state of the wrong shape");
        }
        System.arraycopy(s, 0, bitmap, 0, WORDS);
        top = s[WORDS];
    }
}
