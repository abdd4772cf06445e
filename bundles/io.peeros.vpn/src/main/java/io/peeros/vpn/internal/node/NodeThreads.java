package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.tap.UdpSocket;
import java.util.concurrent.TimeUnit;

/**
 * The node's two socket-side threads: {@code vpn-rx} ({@link Receiver}) and {@code vpn-control}
 * ({@link Maintenance}). The TAP threads belong to their {@link SwarmPlane}s.
 */
final class NodeThreads {
    final Receiver receiver;
    final Maintenance maintenance;
    private final Thread receiverThread;
    private final Thread maintenanceThread;

    NodeThreads(VpnNode node, UdpSocket socket) {
        this.receiver = new Receiver(node, socket);
        this.receiverThread = new Thread(receiver, "vpn-rx");
        this.maintenance = new Maintenance(node, socket);
        this.maintenanceThread = new Thread(maintenance, "vpn-control");
        receiverThread.setDaemon(true);
        maintenanceThread.setDaemon(true);
    }

    void start() {
        receiverThread.start();
        maintenanceThread.start();
    }

    /** Asks both threads to stop after the batch or timer in hand; returns at once. */
    void requestStop() {
        maintenance.running = false;
        maintenanceThread.interrupt();
        receiver.running = false;
    }

    /** Waits until both have ended or {@code deadline} (System.nanoTime()) passed; true when both ended. */
    boolean awaitEnd(long deadline) throws InterruptedException {
        return awaitEnd(maintenanceThread, deadline) & awaitEnd(receiverThread, deadline);
    }

    /** Waits up to 500 ms for each thread (closing: what does not end by then is a daemon and ends with the socket). */
    void joinBriefly() {
        joinBriefly(maintenanceThread);
        joinBriefly(receiverThread);
    }

    /** Waits until the receive thread has finished any batch that may still use a swarm just unpublished. */
    void awaitReceiverPass() {
        long start = receiver.epoch;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (receiver.epoch < start + 2 && receiverThread.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean awaitEnd(Thread t, long deadline) throws InterruptedException {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        return !t.isAlive();
    }

    private static void joinBriefly(Thread t) {
        try {
            t.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
