package io.peeros.rest.internal.handover;

import java.nio.channels.ServerSocketChannel;
import java.util.Map;

/**
 * Where the listening sockets of a stopping REST server wait for its successor (see {@code docs/rest.md},
 * "Port handover"): {@link #offer} leaves them with the successor, {@link #take} picks them up.
 */
public interface PortHandover {

    /** Offers {@code channels} (keyed by port); whoever does not take them within the timeout, they are closed. */
    void offer(Map<Integer, ServerSocketChannel> channels);

    /** The channels offered by a predecessor, keyed by port (empty when there was none). */
    Map<Integer, ServerSocketChannel> take();

    /** No handover: what stops closes its ports, what starts binds them. */
    PortHandover NONE = new PortHandover() {
        @Override
        public void offer(Map<Integer, ServerSocketChannel> channels) {
            PortOffer.closeAll(channels.values());
        }

        @Override
        public Map<Integer, ServerSocketChannel> take() {
            return Map.of();
        }
    };
}
