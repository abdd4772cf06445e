package io.peeros.rest.internal.handover;

import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty connector whose listening socket can outlive it: {@link #keepChannel()} before the connector stops
 * makes {@link #close()} leave the socket open, to be handed to the next connector on the same port. It accepts
 * on its selector (no acceptor threads): an acceptor thread blocked in {@code accept()} would close the channel
 * when Jetty interrupts it on stop.
 */
public final class HandoverConnector extends ServerConnector {

    private volatile boolean keep;
    private volatile ServerSocketChannel kept;

    public HandoverConnector(Server server, ConnectionFactory... factories) {
        super(server, 0, 1, factories);
    }

    /** From now on, closing leaves the listening socket open; see {@link #keptChannel()}. */
    public void keepChannel() {
        keep = true;
    }

    /** The listening socket left open by {@link #close()}, or null. */
    public ServerSocketChannel keptChannel() {
        return kept;
    }

    /**
     * Waits, until {@code deadline} ({@link System#nanoTime()}) at most, until no connection has a request in
     * progress (the connections accepted before {@code setAccepting(false)} are answered by this server, not cut
     * by its stop; a long-lived event stream only delays the stop until the deadline).
     */
    public void awaitQuiet(long deadline) {
        while (deadline - System.nanoTime() > 0 && busy()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean busy() {
        for (EndPoint endPoint : getConnectedEndPoints()) {
            Object connection = endPoint.getConnection() instanceof SslConnection ssl
                    ? ssl.getDecryptedEndPoint().getConnection() : endPoint.getConnection();
            if (connection instanceof HttpConnection http
                    && http.getHttpChannel().getState().isIdle()) {
                continue;
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        Object transport = getTransport();
        if (keep && transport instanceof ServerSocketChannel channel && channel.isOpen()) {
            kept = channel;
            return;
        }
        super.close();
    }
}
