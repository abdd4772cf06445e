package io.peeros.vpn.internal.dataplane;

import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.channels.DatagramChannel;

/**
 * One TAP and one UDP peer joined by two threads, {@link TxLoop} and {@link RxLoop}. Owns the device, the
 * socket and the threads; {@link #close()} stops the loops (they notice within 200 ms) and closes both.
 */
public final class Forwarder implements AutoCloseable {
    private final TapDevice tap;
    private final UdpSocket udp;
    private final DatagramChannel channel;
    private final TxLoop tx;
    private final RxLoop rx;
    private final Thread txThread;
    private final Thread rxThread;
    private final Stats stats = new Stats();

    private Forwarder(Settings s) throws Exception {
        boolean plain = s.io() == Settings.Io.PLAIN;
        tap = TapDevice.open(s.tap(), s.vnet(), false, !plain);
        try {
            udp = plain ? null : UdpSocket.open(s.local(), s.peer(), 4 << 20, 200);
            channel = plain ? DatagramChannel.open().bind(s.local()).connect(s.peer()) : null;
            tx = new TxLoop(s, tap, udp, channel, new PacketAead(s.cipher(), Settings.benchKey(s.id()), s.id()), stats);
            rx = new RxLoop(s, tap, udp, channel, new PacketAead(s.cipher(), Settings.benchKey(s.peerId()), s.peerId()), stats);
        } catch (Exception e) {
            tap.close();
            throw e;
        }
        txThread = new Thread(tx, "vpn-tx-" + tap.name());
        rxThread = new Thread(rx, "vpn-rx-" + tap.name());
        txThread.setDaemon(true);
        rxThread.setDaemon(true);
    }

    /** Opens the TAP and socket of {@code s} in the calling thread's network namespace and starts both loops. */
    public static Forwarder start(Settings s) throws Exception {
        Forwarder f = new Forwarder(s);
        f.txThread.start();
        f.rxThread.start();
        return f;
    }

    public String tapName() {
        return tap.name();
    }

    public String stats() {
        return stats.toString();
    }

    @Override
    public void close() throws Exception {
        tx.running = false;
        rx.running = false;
        if (channel != null) {
            channel.close();
        }
        txThread.join(1000);
        rxThread.join(1000);
        if (udp != null) {
            udp.close();
        }
        tap.close();
    }
}
