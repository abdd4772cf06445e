package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.tap.MsgBatch;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.nio.ByteBuffer;

/**
 * Datagrams waiting to be sent by one thread: a batch of slots, each with its own destination (and TTL), sent
 * with one {@code sendmmsg} (with UDP GSO, consecutive equal-sized datagrams to one destination become one
 * message). Owned by one thread; never shared.
 */
final class Outbox {
    static final int SLOT = 2048;

    private final UdpSocket socket;
    private final MsgBatch batch;
    private final ByteBuffer data;
    private final boolean gso;
    private int pending;
    /** Per-thread scratch: relay wrapping (direct, one slot) and control messages. */
    final ByteBuffer scratch = ByteBuffer.allocateDirect(SLOT);
    final ByteBuffer control = ByteBuffer.allocate(1024);

    Outbox(UdpSocket socket, int slots, boolean gso) {
        this.socket = socket;
        this.batch = new MsgBatch(slots, SLOT);
        this.data = batch.data().view();
        this.gso = gso;
    }

    /** The next free slot: a buffer positioned at its start, limited to its end. Flushes first when full. */
    ByteBuffer next() throws NativeException {
        if (pending == batch.capacity()) {
            flush();
        }
        int off = pending * SLOT;
        data.limit(off + SLOT).position(off);
        return data;
    }

    /** Queues the slot {@link #next()} returned, now holding {@code length} bytes for {@code to}. */
    void commit(int length, Endpoint to, int ttl) {
        batch.setLength(pending, length);
        batch.setAddress(pending, to.ip(), to.port());
        batch.setTtl(pending, ttl);
        pending++;
    }

    /** Queues a copy of {@code datagram} (position to limit, not consumed). */
    void copy(ByteBuffer datagram, Endpoint to, int ttl) throws NativeException {
        ByteBuffer out = next();
        int length = datagram.remaining();
        if (length > SLOT) {
            return;
        }
        out.put(out.position(), datagram, datagram.position(), length);
        commit(length, to, ttl);
    }

    int pending() {
        return pending;
    }

    void flush() throws NativeException {
        if (pending == 0) {
            return;
        }
        if (gso) {
            socket.sendSegmented(batch, pending);
        } else {
            socket.sendBatch(batch, pending);
        }
        pending = 0;
    }
}
