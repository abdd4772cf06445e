package io.peeros.vpn.internal.tap;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * An open TAP queue: one file descriptor on {@code /dev/net/tun} attached to a TAP interface with
 * {@code IFF_TAP | IFF_NO_PI}, optionally {@code IFF_VNET_HDR} with checksum and TCPv4 segmentation offload
 * (then every frame read or written is preceded by a {@code struct virtio_net_hdr} and reads may return TCP
 * super-frames of up to 64 KiB).
 *
 * <p>Ownership: this object owns the descriptor and closes it exactly once in {@link #close()}; the interface
 * disappears with the last descriptor unless made persistent. One thread may read while another writes;
 * {@link #close()} must not race a read or write (stop the loops first: reads return after at most the
 * poll timeout).
 */
public final class TapDevice implements AutoCloseable {
    private final int fd;
    private final String name;
    private final boolean vnetHdr;
    private final Memory pollFd = new Memory(Layout.POLLFD_SIZE);
    private boolean closed;

    private TapDevice(int fd, String name, boolean vnetHdr) {
        this.fd = fd;
        this.name = name;
        this.vnetHdr = vnetHdr;
        pollFd.setInt(0, fd);
        pollFd.setShort(Layout.POLLFD_EVENTS, Layout.POLLIN);
    }

    /**
     * Creates (or attaches to) TAP interface {@code name} in the calling thread's network namespace.
     *
     * @param vnetHdr enable the virtio header with CSUM and TSO4 offloads
     * @param multiQueue open one queue of a multi-queue device (call again for more queues)
     * @param nonBlocking reads return {@code -1} instead of blocking ({@link #awaitReadable(int)} waits)
     */
    public static TapDevice open(String name, boolean vnetHdr, boolean multiQueue, boolean nonBlocking) throws NativeException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length >= Layout.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name longer than " + (Layout.IFNAMSIZ - 1) + ": " + name);
        }
        int flags = Layout.O_RDWR | Layout.O_CLOEXEC | (nonBlocking ? Layout.O_NONBLOCK : 0);
        int fd = (int) LibC.check(LibC.open("/dev/net/tun", flags), "open(/dev/net/tun)");
        try {
            Memory ifr = new Memory(Layout.IFREQ_SIZE);
            ifr.clear();
            ifr.write(0, nameBytes, 0, nameBytes.length);
            short ifFlags = (short) (Layout.IFF_TAP | Layout.IFF_NO_PI | (vnetHdr ? Layout.IFF_VNET_HDR : 0)
                    | (multiQueue ? Layout.IFF_MULTI_QUEUE : 0));
            ifr.setShort(Layout.IFREQ_FLAGS, ifFlags);
            LibC.check(LibC.ioctl(fd, Layout.TUNSETIFF, ifr), "ioctl(TUNSETIFF " + name + ")");
            if (vnetHdr) {
                Memory size = new Memory(4);
                size.setInt(0, Layout.VNET_HDR);
                LibC.check(LibC.ioctl(fd, Layout.TUNSETVNETHDRSZ, size), "ioctl(TUNSETVNETHDRSZ)");
                long offloads = Layout.TUN_F_CSUM | Layout.TUN_F_TSO4;
                LibC.check(LibC.ioctl(fd, Layout.TUNSETOFFLOAD, new Pointer(offloads)), "ioctl(TUNSETOFFLOAD)");
            }
            return new TapDevice(fd, ifr.getString(0, "US-ASCII"), vnetHdr);
        } catch (NativeException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /**
     * Takes ownership of an open TAP queue descriptor handed over by another instance in this process (see
     * {@code docs/vpn-dataplane.md}, "Live handover"): the interface, its flags and its queue stay as they are.
     */
    public static TapDevice adopt(int fd, String name, boolean vnetHdr) {
        if (fd < 0 || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("no TAP descriptor or name: " + fd + " " + name);
        }
        return new TapDevice(fd, name, vnetHdr);
    }

    /** The descriptor, for a handover. */
    public int fd() {
        return fd;
    }

    /** Gives up ownership without closing: the descriptor (and so the interface) now belongs to its adopter. */
    public synchronized void release() {
        closed = true;
    }

    /** Reads one frame (with its virtio header if enabled); {@code -1} when non-blocking and nothing is queued. */
    public int read(Pointer buf, int capacity) throws NativeException {
        long n = LibC.read(fd, buf, capacity);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Layout.EAGAIN || errno == Layout.EINTR) {
                return -1;
            }
            throw new NativeException("read(" + name + ")", errno);
        }
        return (int) n;
    }

    /**
     * Writes one frame (with its virtio header if enabled). False when the kernel dropped it because the queue
     * is full or the interface is down ({@code EIO}, e.g. before {@code ip link set up}): a drop, not an error.
     */
    public boolean write(Pointer buf, int length) throws NativeException {
        long n = LibC.write(fd, buf, length);
        if (n < 0) {
            int errno = LibC.errno();
            if (errno == Layout.EAGAIN || errno == Layout.EIO || errno == Layout.EINTR) {
                return false;
            }
            throw new NativeException("write(" + name + ")", errno);
        }
        return true;
    }

    /** Waits up to {@code timeoutMillis} for a frame; true when one is readable. */
    public boolean awaitReadable(int timeoutMillis) throws NativeException {
        int rc = LibC.poll(pollFd, 1, timeoutMillis);
        if (rc < 0 && LibC.errno() != Layout.EINTR) {
            throw new NativeException("poll(" + name + ")", LibC.errno());
        }
        return rc > 0;
    }

    public String name() {
        return name;
    }

    public boolean vnetHdr() {
        return vnetHdr;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
