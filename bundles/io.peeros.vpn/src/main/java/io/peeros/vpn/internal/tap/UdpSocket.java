package io.peeros.vpn.internal.tap;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * An IPv4 UDP socket (unconnected, one per node, or connected) driven through JNA so that datagrams move in batches ({@code sendmmsg},
 * {@code recvmmsg}) and, optionally, as UDP GSO super-datagrams ({@code UDP_SEGMENT}). Ownership: this object
 * owns the descriptor and closes it once; one thread sends while another receives; receives time out after
 * {@code SO_RCVTIMEO} so a loop can notice it should stop before {@link #close()}.
 */
public final class UdpSocket implements AutoCloseable {
    /** The kernel's UDP_MAX_SEGMENTS on the oldest kernel we support. */
    public static final int MAX_GSO_SEGMENTS = 64;
    /** Payload limit of one UDP GSO message (IPv4 total length 65535 minus headers, rounded down). */
    public static final int MAX_GSO_BYTES = 65000;

    private final int fd;
    private boolean closed;
    /** Datagrams the kernel refused to send (EPERM, ENETUNREACH...); counted, not fatal. */
    private volatile long failures;

    private UdpSocket(int fd) {
        this.fd = fd;
    }

    /**
     * Binds {@code local} without connecting: every datagram sent carries its destination in its batch slot.
     * Sets buffers of {@code bufferBytes} (forced as root).
     */
    public static UdpSocket bind(InetSocketAddress local, int bufferBytes, int receiveTimeoutMillis) throws NativeException {
        return open(local, null, bufferBytes, receiveTimeoutMillis);
    }

    /** Binds {@code local}, connects to {@code peer} unless null, sets buffers of {@code bufferBytes} (forced as root). */
    public static UdpSocket open(InetSocketAddress local, InetSocketAddress peer, int bufferBytes, int receiveTimeoutMillis)
            throws NativeException {
        int fd = (int) LibC.check(LibC.socket(Layout.AF_INET, Layout.SOCK_DGRAM | Layout.SOCK_CLOEXEC, 0), "socket");
        try {
            UdpSocket s = new UdpSocket(fd);
            s.intOption(Layout.SOL_SOCKET, Layout.SO_SNDBUFFORCE, bufferBytes, Layout.SO_SNDBUF);
            s.intOption(Layout.SOL_SOCKET, Layout.SO_RCVBUFFORCE, bufferBytes, Layout.SO_RCVBUF);
            Memory tv = new Memory(Layout.TIMEVAL_SIZE);
            tv.setLong(0, receiveTimeoutMillis / 1000);
            tv.setLong(8, (receiveTimeoutMillis % 1000) * 1000L);
            LibC.check(LibC.setsockopt(fd, Layout.SOL_SOCKET, Layout.SO_RCVTIMEO, tv, Layout.TIMEVAL_SIZE), "SO_RCVTIMEO");
            LibC.check(LibC.bind(fd, sockaddr(local), Layout.SOCKADDR_IN_SIZE), "bind(" + local + ")");
            if (peer != null) {
                LibC.check(LibC.connect(fd, sockaddr(peer), Layout.SOCKADDR_IN_SIZE), "connect(" + peer + ")");
            }
            return s;
        } catch (NativeException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /**
     * Takes ownership of an open, bound UDP socket descriptor handed over by another instance in this process
     * (see {@code docs/vpn-dataplane.md}, "Live handover"); its options (buffers, receive timeout) stay as set.
     */
    public static UdpSocket adopt(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("no socket descriptor: " + fd);
        }
        return new UdpSocket(fd);
    }

    /** The descriptor, for a handover. */
    public int fd() {
        return fd;
    }

    /**
     * Gives up ownership without closing: the descriptor now belongs to whoever adopts it. Later sends and
     * receives through this object fail as on a closed socket only if the caller misuses it; stop the loops first.
     */
    public synchronized void release() {
        closed = true;
    }

    /** The bound port (the one the kernel chose when bound to port 0). */
    public int localPort() throws NativeException {
        Memory a = new Memory(Layout.SOCKADDR_IN_SIZE);
        Memory len = new Memory(4);
        len.setInt(0, Layout.SOCKADDR_IN_SIZE);
        LibC.check(LibC.getsockname(fd, a, len), "getsockname");
        return (a.getByte(Layout.SIN_PORT) & 0xff) << 8 | a.getByte(Layout.SIN_PORT + 1) & 0xff;
    }

    /** Whether {@code e} is a bind failure because the address is taken. */
    public static boolean addressInUse(NativeException e) {
        return e.errno() == Layout.EADDRINUSE;
    }

    private void intOption(int level, int name, int value, int fallback) throws NativeException {
        Memory v = new Memory(4);
        v.setInt(0, value);
        if (LibC.setsockopt(fd, level, name, v, 4) < 0) {
            LibC.check(LibC.setsockopt(fd, level, fallback, v, 4), "setsockopt(" + fallback + ")");
        }
    }

    /** Asks the kernel to coalesce received datagrams ({@code UDP_GRO}); the segment size comes as a cmsg. */
    public void enableGro() throws NativeException {
        Memory one = new Memory(4);
        one.setInt(0, 1);
        LibC.check(LibC.setsockopt(fd, Layout.SOL_UDP, Layout.UDP_GRO, one, 4), "setsockopt(UDP_GRO)");
    }

    /** Sends slots {@code 0..count-1} of {@code batch}, one datagram each, in as few {@code sendmmsg} as the kernel allows. */
    public void sendBatch(MsgBatch batch, int count) throws NativeException {
        sendMessages(batch, batch.prepareSingles(count));
    }

    /** Sends slots {@code 0..count-1}, equal-length runs as UDP GSO messages (one syscall for all). */
    public void sendSegmented(MsgBatch batch, int count) throws NativeException {
        sendMessages(batch, batch.prepareRuns(count, MAX_GSO_SEGMENTS, MAX_GSO_BYTES));
    }

    private void sendMessages(MsgBatch batch, int messages) throws NativeException {
        int sent = 0;
        while (sent < messages) {
            int n = LibC.sendmmsg(fd, batch.messages(sent), messages - sent, 0);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == Layout.EINTR || errno == Layout.EAGAIN) {
                    continue;
                }
                if (errno == Layout.EBADF) {
                    throw new NativeException("sendmmsg", errno);
                }
                // This one message could not go (refused by a firewall, no route, peer not up yet...):
                // skip it, as a lost datagram, and send the rest.
                sent++;
                failures++;
                continue;
            }
            sent += n;
        }
    }

    public long sendFailures() {
        return failures;
    }

    /** Sends one datagram. */
    public void send(Pointer buf, int length) throws NativeException {
        if (LibC.send(fd, buf, length, 0) < 0) {
            int errno = LibC.errno();
            if (errno != Layout.EAGAIN && errno != Layout.EINTR && errno != 111) {
                throw new NativeException("send", errno);
            }
        }
    }

    /** Receives up to {@code max} datagrams, waiting for the first; 0 on timeout. Lengths via {@link MsgBatch#received}. */
    public int receiveBatch(MsgBatch batch, int max) throws NativeException {
        batch.prepareReceive(max);
        int n = LibC.recvmmsg(fd, batch.messages(0), max, Layout.MSG_WAITFORONE, Pointer.NULL);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Layout.EAGAIN || errno == Layout.EINTR || errno == 111) {
                return 0;
            }
            throw new NativeException("recvmmsg", errno);
        }
        return n;
    }

    /** Receives one datagram into {@code buf}; 0 on timeout. */
    public int receive(Pointer buf, int capacity) throws NativeException {
        long n = LibC.recv(fd, buf, capacity, 0);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Layout.EAGAIN || errno == Layout.EINTR || errno == 111) {
                return 0;
            }
            throw new NativeException("recv", errno);
        }
        return (int) n;
    }

    private static Memory sockaddr(InetSocketAddress a) {
        if (!(a.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv4 only in the prototype: " + a);
        }
        Memory m = new Memory(Layout.SOCKADDR_IN_SIZE);
        m.clear();
        m.setShort(0, (short) Layout.AF_INET);
        m.setByte(Layout.SIN_PORT, (byte) (a.getPort() >> 8));
        m.setByte(Layout.SIN_PORT + 1, (byte) a.getPort());
        m.write(Layout.SIN_ADDR, a.getAddress().getAddress(), 0, 4);
        return m;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
