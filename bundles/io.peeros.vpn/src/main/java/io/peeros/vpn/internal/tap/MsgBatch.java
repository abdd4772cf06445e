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
 * {@code UDP_SEGMENT} control message. Owned by one thread; never shared between loops.
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

    public MsgBatch(int capacity, int slotSize) {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.data = new NativeBuffer(capacity * slotSize);
        this.iovOff = 0;
        this.msgOff = capacity * Layout.IOVEC_SIZE;
        this.ctlOff = msgOff + capacity * Layout.MMSGHDR_SIZE;
        this.natives = new Memory((long) ctlOff + (long) capacity * Layout.CMSG_SPACE_INT);
        natives.clear();
        this.hdr = natives.getByteBuffer(0, natives.size()).order(ByteOrder.nativeOrder());
        this.dataAddr = Pointer.nativeValue(data.pointer());
        long base = Pointer.nativeValue(natives);
        this.iovAddr = base + iovOff;
        this.msgAddr = base + msgOff;
        this.ctlAddr = base + ctlOff;
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

    /** The number of bytes the kernel stored in message {@code i} after a receive. */
    public int received(int i) {
        return hdr.getInt(msgOff + i * Layout.MMSGHDR_SIZE + Layout.MMSG_LEN);
    }

    /** One message per slot, full slot size: for {@code recvmmsg}. */
    void prepareReceive(int count) {
        for (int i = 0; i < count; i++) {
            setLength(i, slotSize);
            message(i, i, 1, 0);
        }
    }

    /** One message per slot with the lengths set by {@link #setLength}. Returns the message count. */
    int prepareSingles(int count) {
        for (int i = 0; i < count; i++) {
            message(i, i, 1, 0);
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
            while (i + k < count && k < maxSegments && total + length(i + k) <= maxBytes && length(i + k) <= size) {
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
        hdr.putLong(o, 0L);
        hdr.putInt(o + Layout.MSG_NAMELEN, 0);
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
