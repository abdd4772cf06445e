package io.peeros.rest.internal.handover;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listening sockets offered to a successor: {@link #get()} hands them over (keys: the port as a decimal
 * string, values: {@link ServerSocketChannel}s, JDK types only, since the successor may be another bundle
 * revision); unless taken within the timeout they are closed. Either happens once. Everything it runs after
 * construction is loaded by then: the old revision's class loader may be gone.
 */
public final class PortOffer implements Supplier<Map<String, Object>>, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PortOffer.class);

    private final Map<Integer, ServerSocketChannel> channels;
    private final long timeoutMillis;
    private final Thread timer;
    private volatile Runnable withdraw;
    private boolean done;

    public PortOffer(Map<Integer, ServerSocketChannel> channels, Duration timeout) {
        this.channels = Map.copyOf(channels);
        this.timeoutMillis = timeout.toMillis();
        this.timer = new Thread(this, "rest-port-handover");
        timer.setDaemon(true);
    }

    /** Starts the timeout; {@code onEnd} (unregistering the offer) runs when it is taken or expires. */
    public void start(Runnable onEnd) {
        this.withdraw = onEnd;
        timer.start();
    }

    @Override
    public Map<String, Object> get() {
        synchronized (this) {
            if (done) {
                throw new IllegalStateException("the REST ports were already taken over or closed");
            }
            done = true;
        }
        timer.interrupt();
        end();
        Map<String, Object> state = new HashMap<>();
        for (Map.Entry<Integer, ServerSocketChannel> e : channels.entrySet()) {
            state.put(String.valueOf(e.getKey()), e.getValue());
        }
        return state;
    }

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
        closeAll(channels.values());
        LOG.info("REST ports {} not taken over within {} ms: closed", channels.keySet(), timeoutMillis);
    }

    /** Whether it was taken or has expired. */
    public synchronized boolean isDone() {
        return done;
    }

    static void closeAll(Collection<ServerSocketChannel> channels) {
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a REST port failed", e);
            }
        }
    }

    private void end() {
        Runnable w = withdraw;
        if (w != null) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.debug("withdrawing the port offer failed", e);
            }
        }
    }
}
