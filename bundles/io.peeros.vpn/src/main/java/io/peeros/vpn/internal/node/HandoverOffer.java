package io.peeros.vpn.internal.node;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running data plane offered to a successor: {@link #get()} stops it and returns its state (see
 * {@link VpnNode#handover()}); if nobody takes it within the timeout it is closed as on a plain stop (TAPs
 * deleted, keys zeroed). Either happens exactly once. The type a successor sees is only
 * {@code Supplier<Map<String, Object>>}, so it works across bundle revisions (different class loaders);
 * everything this class runs after construction is loaded by then, since the old revision's class loader may
 * be closed when it runs. See {@code docs/vpn-dataplane.md}, "Live handover".
 */
public final class HandoverOffer implements Supplier<Map<String, Object>>, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverOffer.class);

    private final Supplier<Map<String, Object>> handover;
    private final Runnable close;
    private final long timeoutMillis;
    private final Thread timer;
    private volatile Runnable withdraw;
    private boolean done;

    /**
     * @param handover stops the data plane and returns its state
     * @param close closes the data plane for good
     * @param timeout how long the offer stands
     */
    public HandoverOffer(Supplier<Map<String, Object>> handover, Runnable close, Duration timeout) {
        this.handover = handover;
        this.close = close;
        this.timeoutMillis = timeout.toMillis();
        this.timer = new Thread(this, "vpn-handover-offer");
        timer.setDaemon(true);
    }

    /** Starts the timeout; {@code withdraw} (e.g. unregistering the service) runs when the offer ends either way. */
    public void start(Runnable onEnd) {
        this.withdraw = onEnd;
        timer.start();
    }

    /**
     * Takes the offer: stops the data plane and returns its state (JDK types only; it holds secrets, wipe it
     * after use).
     *
     * @throws IllegalStateException when it was already taken or has expired; any failure of the handover
     *     itself closes the data plane and is rethrown
     */
    @Override
    public Map<String, Object> get() {
        synchronized (this) {
            if (done) {
                throw new IllegalStateException("the VPN handover was already taken or has expired");
            }
            done = true;
        }
        timer.interrupt();
        end();
        try {
            return handover.get();
        } catch (RuntimeException | Error e) {
            close.run();
            throw e;
        }
    }

    /** The timeout: closes the data plane unless taken by then. */
    @Override
    public void run() {
        try {
            Thread.sleep(timeoutMillis);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        end();
        close.run();
        LOG.info("VPN handover not taken within {} ms: data plane closed, swarm TAPs removed", timeoutMillis);
    }

    /** Whether it was taken or has expired. */
    public synchronized boolean isDone() {
        return done;
    }

    private void end() {
        Runnable w = withdraw;
        if (w != null) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.debug("withdrawing the handover offer failed", e);
            }
        }
    }
}
