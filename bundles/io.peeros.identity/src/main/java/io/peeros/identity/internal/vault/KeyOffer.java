package io.peeros.identity.internal.vault;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A copy of the vault's data key offered to a successor: {@link #get()} hands it over once; if nobody takes it
 * within the timeout it is wiped. The successor sees only {@code Supplier<byte[]>} (another bundle revision has
 * other classes), and nothing here loads a class after construction: the old revision's class loader may be gone
 * by the time it runs.
 */
final class KeyOffer implements Supplier<byte[]>, Runnable {

    private final long timeoutMillis;
    private final Thread timer;
    private byte[] key;
    private Runnable withdraw;

    KeyOffer(byte[] dataKey, long timeoutMillis) {
        this.key = dataKey.clone();
        this.timeoutMillis = timeoutMillis;
        this.timer = new Thread(this, "identity-vault-handover");
        timer.setDaemon(true);
    }

    /** Starts the timeout; {@code onEnd} (unregistering the offer) runs once it is taken or expired. */
    void start(Runnable onEnd) {
        synchronized (this) {
            this.withdraw = onEnd;
        }
        timer.start();
    }

    /**
     * The key, once; the caller owns the array.
     *
     * @throws IllegalStateException when it was taken already or has expired
     */
    @Override
    public byte[] get() {
        byte[] taken;
        synchronized (this) {
            if (key == null) {
                throw new IllegalStateException("the vault key was already handed over or has expired");
            }
            taken = key;
            key = null;
        }
        timer.interrupt();
        end();
        return taken;
    }

    @Override
    public void run() {
        try {
            Thread.sleep(timeoutMillis);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (key == null) {
                return;
            }
            Arrays.fill(key, (byte) 0);
            key = null;
        }
        end();
    }

    private void end() {
        Runnable onEnd;
        synchronized (this) {
            onEnd = withdraw;
            withdraw = null;
        }
        if (onEnd != null) {
            onEnd.run();
        }
    }
}
