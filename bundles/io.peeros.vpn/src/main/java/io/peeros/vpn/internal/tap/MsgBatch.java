package io.peeros.vpn.internal.tap;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable vector of datagrams for {@code sendmmsg}/{@code recvmmsg}: {@code capacity} slots of
 * {@code slotSize} bytes, one {@code iovec} per slot, and the {@code mmsghdr} array. The headers are written
 * through a native-order {@link ByteBuffer} view, not through JNA setters, so preparing a batch costs no JNI
 * calls. For UDP GSO a run of consecutive slots of equal length becomes one message with several iovecs and a
 * {@code UDP_SEGMENT} control message. Every slot has its own IPv4 address ({@code sockaddr_in}): the
 * destination before a send on an unconnected socket, the source after a receive; a GSO run only joins slots
 * with the same destination. Owned by one thread; never shared between loops.
 */
public final class MsgBatch {
    private final int capacity;
    private final int slotSize;
    private final NativeBuffer data;
    private final Memory natives;
    private final ByteBuffer hdr;
    private final long dataAddr;
    private final long iovAddr;
    private final long msgAddr;
    private final long ctlAddr;
    private final int iovOff;
    private final int msgOff;
    private final int ctlOff;
    private final int nameOff;
    private final long nameAddr;
    private final int[] ttl;

    public MsgBatch(int capacity, int slotSize) {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.data = new NativeBuffer(capacity * slotSize);
        this.iovOff = 0;
        this.msgOff = capacity * Layout.IOVEC_SIZE;
        this.ctlOff = msgOff + capacity * Layout.MMSGHDR_SIZE;
        this.nameOff = ctlOff + capacity * Layout.CMSG_SPACE_INT;
        this.ttl = new int[capacity];
        this.natives = new Memory((long) nameOff + (long) capacity * Layout.SOCKADDR_IN_SIZE);
        natives.clear();
        this.hdr = natives.getByteBuffer(0, natives.size()).order(ByteOrder.nativeOrder());
        this.dataAddr = Pointer.nativeValue(data.pointer());
        long base = Pointer.nativeValue(natives);
        this.iovAddr = base + iovOff;
        this.msgAddr = base + msgOff;
        this.ctlAddr = base + ctlOff;
        this.nameAddr = base + nameOff;
        for (int i = 0; i < capacity; i++) {
            hdr.putLong(iovOff + i * Layout.IOVEC_SIZE, dataAddr + (long) i * slotSize);
            hdr.putLong(iovOff + i * Layout.IOVEC_SIZE + Layout.IOV_LEN, slotSize);
        }
    }

    public int capacity() {
        return capacity;
    }

    public int slotSize() {
        return slotSize;
    }

    /** The slots' memory; slot {@code i} starts at {@code i * slotSize()}. */
    public NativeBuffer data() {
        return data;
    }

    /** Sets the length of slot {@code i} before sending. */
    public void setLength(int i, int length) {
        hdr.putLong(iovOff + i * Layout.IOVEC_SIZE + Layout.IOV_LEN, length);
    }

    public int length(int i) {
        return (int) hdr.getLong(iovOff + i * Layout.IOVEC_SIZE + Layout.IOV_LEN);
    }

    /** Sets the IPv4 destination of slot {@code i} ({@code ip} as a big-endian int). */
    public void setAddress(int i, int ip, int port) {
        int o = nameOff + i * Layout.SOCKADDR_IN_SIZE;
        hdr.putShort(o, (short) Layout.AF_INET);
        hdr.put(o + Layout.SIN_PORT, (byte) (port >> 8));
        hdr.put(o + Layout.SIN_PORT + 1, (byte) port);
        hdr.put(o + Layout.SIN_ADDR, (byte) (ip >>> 24));
        hdr.put(o + Layout.SIN_ADDR + 1, (byte) (ip >>> 16));
        hdr.put(o + Layout.SIN_ADDR + 2, (byte) (ip >>> 8));
        hdr.put(o + Layout.SIN_ADDR + 3, (byte) ip);
    }

    /** A TTL for slot {@code i} sent alone ({@link UdpSocket#sendBatch}); 0 for the socket's default. */
    public void setTtl(int i, int value) {
        ttl[i] = value;
    }

    /** The IPv4 address of slot {@code i} (the source after a receive), big-endian. */
    public int addressIp(int i) {
        int o = nameOff + i * Layout.SOCKADDR_IN_SIZE + Layout.SIN_ADDR;
        return (hdr.get(o) & 0xff) << 24 | (hdr.get(o + 1) & 0xff) << 16 | (hdr.get(o + 2) & 0xff) << 8
                | hdr.get(o + 3) & 0xff;
    }

    public int addressPort(int i) {
        int o = nameOff + i * Layout.SOCKADDR_IN_SIZE + Layout.SIN_PORT;
        return (hdr.get(o) & 0xff) << 8 | hdr.get(o + 1) & 0xff;
    }

    /** Whether slots {@code i} and {@code j} have the same address. */
    boolean sameAddress(int i, int j) {
        int a = nameOff + i * Layout.SOCKADDR_IN_SIZE;
        int b = nameOff + j * Layout.SOCKADDR_IN_SIZE;
        return hdr.getLong(a) == hdr.getLong(b);
    }

    /** The number of bytes the kernel stored in message {@code i} after a receive. */
    public int received(int i) {
        return hdr.getInt(msgOff + i * Layout.MMSGHDR_SIZE + Layout.MMSG_LEN);
    }

    /** One message per slot, full slot size: for {@code recvmmsg}. */
    void prepareReceive(int count) {
        for (int i = 0; i < count; i++) {
            setLength(i, slotSize);
            hdr.putLong(nameOff + i * Layout.SOCKADDR_IN_SIZE, 0L);
            message(i, i, 1, 0);
        }
    }

    /** One message per slot with the lengths set by {@link #setLength}. Returns the message count. */
    int prepareSingles(int count) {
        for (int i = 0; i < count; i++) {
            message(i, i, 1, 0);
            if (ttl[i] > 0) {
                int c = ctlOff + i * Layout.CMSG_SPACE_INT;
                int o = msgOff + i * Layout.MMSGHDR_SIZE;
                hdr.putLong(c, Layout.CMSG_LEN_INT);
                hdr.putInt(c + Layout.CMSG_LEVEL, Layout.SOL_IP);
                hdr.putInt(c + Layout.CMSG_TYPE, Layout.IP_TTL);
                hdr.putInt(c + Layout.CMSG_DATA, ttl[i]);
                hdr.putLong(o + Layout.MSG_CONTROL, ctlAddr + (long) i * Layout.CMSG_SPACE_INT);
                hdr.putLong(o + Layout.MSG_CONTROLLEN, Layout.CMSG_SPACE_INT);
                ttl[i] = 0;
            }
        }
        return count;
    }

    /**
     * Groups consecutive slots of equal length (the last of a group may be shorter) into UDP GSO messages of at
     * most {@code maxSegments} segments and {@code maxBytes} bytes. Returns the message count.
     */
    int prepareRuns(int count, int maxSegments, int maxBytes) {
        int messages = 0;
        int i = 0;
        while (i < count) {
            int size = length(i);
            int k = 1;
            int total = size;
            while (i + k < count && k < maxSegments && total + length(i + k) <= maxBytes && length(i + k) <= size
                    && sameAddress(i, i + k)) {
                int next = length(i + k);
                total += next;
                k++;
                if (next < size) {
                    break;
                }
            }
            message(messages, i, k, k > 1 ? size : 0);
            messages++;
            i += k;
        }
        return messages;
    }

    private void message(int m, int firstSlot, int slots, int gsoSize) {
        int o = msgOff + m * Layout.MMSGHDR_SIZE;
        hdr.putLong(o, nameAddr + (long) firstSlot * Layout.SOCKADDR_IN_SIZE);
        hdr.putInt(o + Layout.MSG_NAMELEN, Layout.SOCKADDR_IN_SIZE);
        hdr.putLong(o + Layout.MSG_IOV, iovAddr + (long) firstSlot * Layout.IOVEC_SIZE);
        hdr.putLong(o + Layout.MSG_IOVLEN, slots);
        if (gsoSize > 0) {
            int c = ctlOff + m * Layout.CMSG_SPACE_INT;
            hdr.putLong(c, Layout.CMSG_LEN_U16);
            hdr.putInt(c + Layout.CMSG_LEVEL, Layout.SOL_UDP);
            hdr.putInt(c + Layout.CMSG_TYPE, Layout.UDP_SEGMENT);
            hdr.putShort(c + Layout.CMSG_DATA, (short) gsoSize);
            hdr.putLong(o + Layout.MSG_CONTROL, ctlAddr + (long) m * Layout.CMSG_SPACE_INT);
            hdr.putLong(o + Layout.MSG_CONTROLLEN, Layout.CMSG_SPACE_INT);
        } else {
            hdr.putLong(o + Layout.MSG_CONTROL, 0L);
            hdr.putLong(o + Layout.MSG_CONTROLLEN, 0L);
        }
        hdr.putInt(o + Layout.MSG_FLAGS, 0);
        hdr.putInt(o + Layout.MMSG_LEN, 0);
    }

    /** The C address of message {@code m}. */
    Pointer messages(int m) {
        return new Pointer(msgAddr + (long) m * Layout.MMSGHDR_SIZE);
    }
}
