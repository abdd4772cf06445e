package io.peeros.vpn.internal.tap;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Native memory seen both as a C pointer (for read/write/sendmmsg) and as a direct {@link ByteBuffer} (for
 * parsing and the JDK ciphers), so a packet is never copied between the two. The memory belongs to this
 * object and is freed when it is garbage collected; allocate once per loop, never per packet.
 */
public final class NativeBuffer {
    private final Memory memory;
    private final ByteBuffer view;

    public NativeBuffer(int size) {
        this.memory = new Memory(size);
        memory.clear();
        this.view = memory.getByteBuffer(0, size);
    }

    /** The C address of byte {@code offset}. */
    public Pointer at(long offset) {
        return memory.share(offset);
    }

    public Pointer pointer() {
        return memory;
    }

    /** A fresh duplicate of the whole buffer (big-endian, position 0); keep it, do not call per packet. */
    public ByteBuffer view() {
        return view.duplicate();
    }

    public int size() {
        return (int) memory.size();
    }
}
