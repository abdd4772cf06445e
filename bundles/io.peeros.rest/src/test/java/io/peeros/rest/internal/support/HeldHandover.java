package io.peeros.rest.internal.support;

import io.peeros.rest.internal.handover.PortHandover;
import io.peeros.rest.internal.handover.PortOffer;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The service registry's part of a port handover, in memory: holds the real {@link PortOffer} (with its real
 * timeout) between the old server's deactivation and the new one's activation.
 */
public final class HeldHandover implements PortHandover {

    private final Duration timeout;
    private PortOffer offer;

    public HeldHandover(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public synchronized void offer(Map<Integer, ServerSocketChannel> channels) {
        offer = new PortOffer(channels, timeout);
        offer.start(new Runnable() {
            @Override
            public void run() {
                // nothing registered
            }
        });
    }

    @Override
    public synchronized Map<Integer, ServerSocketChannel> take() {
        Map<Integer, ServerSocketChannel> taken = new HashMap<>();
        if (offer != null && !offer.isDone()) {
            offer.get().forEach((port, channel) -> taken.put(Integer.valueOf(port), (ServerSocketChannel) channel));
        }
        offer = null;
        return taken;
    }
}
