package io.peeros.vpn.internal.crypto;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One session's transport keys after Split(): a send key with its counter and a receive key with its replay
 * window. Data packets carry the counter explicitly (Noise SetNonce, revision 34 section 5.1), so they may be
 * lost or reordered; the 16-byte header is the associated data. Each direction has its own lock and its own
 * reusable cipher, so one thread may send while another receives.
 */
final class TransportKeys {

    /** Results of {@link #open}, besides a plaintext length. */
    static final int REPLAY = -1;
    static final int BAD_MAC = -2;
    static final int EXPIRED = -3;

    final PeerSession session;
    final int localIndex;
    final int remoteIndex;
    final boolean initiator;
    final long created;

    private final CryptoConfig config;
    private final Aead sender;
    private final Aead receiver;
    private final byte[] sendHeader = new byte[WireFormat.DATA_HEADER];
    private final byte[] receiveHeader = new byte[WireFormat.DATA_HEADER];
    private final ReplayWindow window;
    private long sendCounter;
    private long authFailures;
    private volatile long sentBytes;
    private volatile long lastSent;
    private volatile long lastReceived;
    private volatile boolean destroyed;

    TransportKeys(PeerSession session, CryptoConfig config, int localIndex, int remoteIndex, boolean initiator,
            byte[] sendKey, byte[] receiveKey, long now) {
        this.session = session;
        this.config = config;
        this.localIndex = localIndex;
        this.remoteIndex = remoteIndex;
        this.initiator = initiator;
        this.created = now;
        this.sender = new Aead(config.suite());
        this.sender.setKey(sendKey);
        this.receiver = new Aead(config.suite());
        this.receiver.setKey(receiveKey);
        this.window = new ReplayWindow(config.rejectAfterMessages());
        java.util.Arrays.fill(sendKey, (byte) 0);
        java.util.Arrays.fill(receiveKey, (byte) 0);
    }

    /**
     * Encrypts {@code plaintext} into a data packet at {@code out}'s position; returns the packet length, or -1
     * when these keys may no longer send (expired, exhausted or destroyed).
     */
    int seal(ByteBuffer plaintext, ByteBuffer out, long now) {
        synchronized (sender) {
            int length = plaintext.remaining();
            if (destroyed || now - created >= config.rejectAfterTime().toMillis()
                    || sendCounter >= config.rejectAfterMessages() || sentBytes + length > config.rejectAfterBytes()
                    || out.remaining() < length + WireFormat.DATA_OVERHEAD) {
                return -1;
            }
            long n = sendCounter++;
            ByteBuffer h = ByteBuffer.wrap(sendHeader);
            h.put(0, WireFormat.DATA).putInt(WireFormat.PREFIX, remoteIndex).putLong(WireFormat.ROUTED_HEADER, n);
            out.put(sendHeader);
            int written = sender.seal(n, sendHeader, 0, WireFormat.DATA_HEADER, plaintext, out);
            sentBytes += length;
            lastSent = now;
            return WireFormat.DATA_HEADER + written;
        }
    }

    /**
     * Authenticates and decrypts the data packet at {@code datagram}'s position into {@code out}; returns the
     * plaintext length or {@link #REPLAY}, {@link #BAD_MAC}, {@link #EXPIRED}. The caller checked the length.
     */
    int open(ByteBuffer datagram, ByteBuffer out, long now) {
        synchronized (receiver) {
            if (destroyed || now - created >= config.rejectAfterTime().toMillis()) {
                return EXPIRED;
            }
            int p = datagram.position();
            long n = datagram.getLong(p + WireFormat.ROUTED_HEADER);
            if (!window.check(n)) {
                return REPLAY;
            }
            datagram.get(p, receiveHeader);
            int limit = datagram.limit();
            ByteBuffer ciphertext = datagram.duplicate().position(p + WireFormat.DATA_HEADER).limit(limit);
            int length = receiver.open(n, receiveHeader, 0, WireFormat.DATA_HEADER, ciphertext, out);
            if (length < 0) {
                if (++authFailures >= config.maxAuthFailures()) {
                    destroyed = true;
                    receiver.destroy();
                }
                return BAD_MAC;
            }
            window.update(n);
            datagram.position(limit);
            lastReceived = now;
            return length;
        }
    }

    long sendCounter() {
        synchronized (sender) {
            return sendCounter;
        }
    }

    long sentBytes() {
        return sentBytes;
    }

    long lastSent() {
        return lastSent;
    }

    long lastReceived() {
        return lastReceived;
    }

    long age(long now) {
        return now - created;
    }

    boolean isDestroyed() {
        return destroyed;
    }

    /** Zeroes both keys; later seal and open calls fail. */
    void destroy() {
        synchronized (sender) {
            synchronized (receiver) {
                destroyed = true;
                sender.destroy();
                receiver.destroy();
            }
        }
    }

    /**
     * Everything needed to carry on with these keys in another instance (see {@code docs/vpn-dataplane.md},
     * "Live handover"): both keys (fresh copies the caller must zero), the send counter, the replay window.
     * Only while no thread seals or opens under them, or a counter could be used twice.
     */
    Map<String, Object> export() {
        synchronized (sender) {
            synchronized (receiver) {
                Map<String, Object> m = new HashMap<>();
                m.put("localIndex", localIndex);
                m.put("remoteIndex", remoteIndex);
                m.put("initiator", initiator);
                m.put("created", created);
                m.put("sendKey", sender.keyBytes());
                m.put("receiveKey", receiver.keyBytes());
                m.put("sendCounter", sendCounter);
                m.put("sentBytes", sentBytes);
                m.put("lastSent", lastSent);
                m.put("lastReceived", lastReceived);
                m.put("authFailures", authFailures);
                m.put("window", window.state());
                return m;
            }
        }
    }

    /** Keys from {@link #export()}: the send counter continues, the replay window is kept. Zeroes the keys in {@code m}. */
    static TransportKeys restore(PeerSession session, CryptoConfig config, Map<String, Object> m) {
        TransportKeys k = new TransportKeys(session, config, StateMap.intOf(m, "localIndex"),
                StateMap.intOf(m, "remoteIndex"), StateMap.boolOf(m, "initiator"), StateMap.bytesOf(m, "sendKey"),
                StateMap.bytesOf(m, "receiveKey"), StateMap.longOf(m, "created"));
        synchronized (k.sender) {
            synchronized (k.receiver) {
                k.sendCounter = StateMap.longOf(m, "sendCounter");
                k.sentBytes = StateMap.longOf(m, "sentBytes");
                k.lastSent = StateMap.longOf(m, "lastSent");
                k.lastReceived = StateMap.longOf(m, "lastReceived");
                k.authFailures = StateMap.longOf(m, "authFailures");
                k.window.restore((long[]) m.get("window"));
            }
        }
        return k;
    }
}
