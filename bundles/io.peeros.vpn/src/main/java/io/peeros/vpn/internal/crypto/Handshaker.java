package io.peeros.vpn.internal.crypto;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.DropCause;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The three handshake messages of a swarm, both roles, and the check that binds each remote static key to
 * an authorised member's identity certificate. All methods run under the swarm's handshake lock, so index
 * allocation and the pending-handshake table need no further synchronisation.
 */
final class Handshaker {

    private static final long CLOCK_SKEW_SECONDS = 300;

    /** A handshake answered with message 2, waiting for message 3. */
    private static final class Responding {
        final HandshakeState state;
        final int localIndex;
        final int remoteIndex;
        final long started;

        Responding(HandshakeState state, int localIndex, int remoteIndex, long started) {
            this.state = state;
            this.localIndex = localIndex;
            this.remoteIndex = remoteIndex;
            this.started = started;
        }
    }

    /** This peer's swarm static key and its signed binding. */
    private record LocalStatic(X25519.KeyPair keys, byte[] binding, long created) {
    }

    private record Verified(byte[] staticKey, long notAfter, byte[] signature) {
        boolean matches(IdentityBinding b, byte[] key) {
            return notAfter == b.notAfter() && Arrays.equals(staticKey, key) && Arrays.equals(signature, b.signature());
        }
    }

    private final String swarmId;
    private final PeerIdentity identity;
    private final CryptoConfig config;
    private final SecureRandom random;
    private final IndexTable indices;
    private final byte[] prologue;
    private final byte[] swarmTag;
    private final Map<Integer, Responding> responding = new LinkedHashMap<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Function<String, X509Certificate> members;
    private final Function<String, PeerSession> sessions;
    private LocalStatic local;
    private double tokens;
    private long tokensAt;

    Handshaker(String swarmId, PeerIdentity identity, CryptoConfig config, SecureRandom random, IndexTable indices,
            Function<String, X509Certificate> members, Function<String, PeerSession> sessions, long now) {
        this.swarmId = swarmId;
        this.identity = identity;
        this.config = config;
        this.random = random;
        this.indices = indices;
        this.members = members;
        this.sessions = sessions;
        this.prologue = ("PeerOS VPN v1\0" + swarmId).getBytes(StandardCharsets.UTF_8);
        this.swarmTag = Arrays.copyOf(sha256(("PeerOS VPN swarm tag\0" + swarmId).getBytes(StandardCharsets.UTF_8)),
                WireFormat.SWARM_TAG_LENGTH);
        this.tokens = config.handshakesPerSecond();
        this.tokensAt = now;
        rotateStatic(now);
    }

    /** A new swarm static key, signed by the identity key; handshakes in flight keep the old one. */
    void rotateStatic(long now) {
        X25519.KeyPair keys = X25519.generate(random);
        byte[] peerId = HexFormat.of().parseHex(identity.peerId());
        long notAfter = now / 1000 + config.staticKeyLifetime().toSeconds();
        byte[] signature = identity.sign(IdentityBinding.signedData(swarmId, peerId, keys.publicKey(), notAfter));
        local = new LocalStatic(keys, new IdentityBinding(peerId, notAfter, signature).encode(), now);
    }

    boolean staticDue(long now) {
        return now - local.created() >= config.staticKeyLifetime().toMillis() / 2;
    }

    /** Message 1 towards {@code peer} into {@code out}; false when one is already in flight (or removed). */
    boolean initiate(PeerSession peer, ByteBuffer out, long now) {
        PeerSession.Initiation pending = peer.initiation();
        if (peer.isRemoved() || out.remaining() < WireFormat.INIT_LENGTH
                || pending != null && now - pending.started < config.rekeyTimeout().toMillis()) {
            return false;
        }
        LocalStatic s = local;
        HandshakeState state = new HandshakeState(config.suite(), true, prologue, s.keys(),
                HandshakeState.randomEphemerals(random));
        int index = newIndex();
        byte[] message = state.writeMessage(ByteBuffer.allocate(WireFormat.INIT_PAYLOAD).putInt(index).put(swarmTag)
                .array());
        peer.startInitiation(new PeerSession.Initiation(peer, state, index, now, s.binding()));
        out.put(WireFormat.HANDSHAKE_INIT).put((byte) 0).put((byte) 0).put((byte) 0).put(message);
        return true;
    }

    /** Message 1 in, message 2 out. */
    DropCause onInitiation(byte[] message, ByteBuffer out, long now) {
        if (!takeToken(now)) {
            return DropCause.RATE_LIMITED;
        }
        LocalStatic s = local;
        HandshakeState state = new HandshakeState(config.suite(), false, prologue, s.keys(),
                HandshakeState.randomEphemerals(random));
        byte[] payload = state.readMessage(message);
        if (payload == null || payload.length != WireFormat.INIT_PAYLOAD
                || !Arrays.equals(payload, 4, payload.length, swarmTag, 0, swarmTag.length)) {
            state.destroy();
            return DropCause.MALFORMED;
        }
        int remoteIndex = ByteBuffer.wrap(payload).getInt();
        int index = newIndex();
        byte[] response;
        try {
            response = state.writeMessage(ByteBuffer.allocate(4 + s.binding().length).putInt(index).put(s.binding())
                    .array());
        } catch (IllegalStateException smallOrder) {
            return DropCause.MALFORMED;
        }
        evict(now, 1);
        Responding r = new Responding(state, index, remoteIndex, now);
        responding.put(index, r);
        indices.put(index, r);
        out.put(WireFormat.routed(WireFormat.HANDSHAKE_RESPONSE, remoteIndex, response));
        return null;
    }

    /** Message 2 in, message 3 out, keys installed as initiator. */
    DropCause onResponse(int index, byte[] message, ByteBuffer out, Received r, long now) {
        Object pending = indices.get(index);
        if (!(pending instanceof PeerSession.Initiation)) {
            return pending == null ? DropCause.STALE_KEY : DropCause.UNEXPECTED;
        }
        PeerSession peer = ((PeerSession.Initiation) pending).session;
        PeerSession.Initiation i = peer.takeInitiation(index);
        if (i == null) {
            return DropCause.STALE_KEY;
        }
        byte[] payload = i.state.readMessage(message);
        if (payload == null) {
            peer.failedInitiation(i);
            return DropCause.BAD_MAC;
        }
        IdentityBinding binding = IdentityBinding.decode(payload, 4, payload.length - 4);
        if (payload.length < 4 || binding == null) {
            peer.failedInitiation(i);
            return DropCause.MALFORMED;
        }
        DropCause refused = verify(binding, i.state.remoteStatic(), now);
        if (refused == null && !binding.peerId().equals(peer.peerId())) {
            refused = DropCause.BAD_IDENTITY;
        }
        if (refused != null) {
            peer.failedInitiation(i);
            return refused;
        }
        int remoteIndex = ByteBuffer.wrap(payload).getInt();
        byte[] last = i.state.writeMessage(i.binding);
        byte[][] keys = i.state.split();
        peer.installInitiated(new TransportKeys(peer, config, index, remoteIndex, true, keys[0], keys[1], now), now);
        out.put(WireFormat.routed(WireFormat.HANDSHAKE_FINAL, remoteIndex, last));
        r.peer = peer;
        r.reply = true;
        r.established = true;
        return null;
    }

    /** Message 3 in, keys installed as responder, a confirming empty packet out. */
    DropCause onFinal(int index, byte[] message, ByteBuffer out, Received r, long now) {
        Responding p = responding.remove(index);
        if (p == null) {
            return indices.get(index) == null ? DropCause.STALE_KEY : DropCause.UNEXPECTED;
        }
        indices.remove(index, p);
        byte[] payload = p.state.readMessage(message);
        if (payload == null) {
            return DropCause.BAD_MAC;
        }
        IdentityBinding binding = IdentityBinding.decode(payload, 0, payload.length);
        DropCause refused = binding == null ? DropCause.MALFORMED : verify(binding, p.state.remoteStatic(), now);
        if (refused != null) {
            p.state.destroy();
            return refused;
        }
        PeerSession peer = sessions.apply(binding.peerId());
        byte[][] keys = p.state.split();
        TransportKeys k = new TransportKeys(peer, config, index, p.remoteIndex, false, keys[1], keys[0], now);
        peer.installResponded(k, now);
        r.peer = peer;
        r.established = true;
        r.reply = k.seal(ByteBuffer.allocate(0), out, now) > 0;
        return null;
    }

    /** Null when {@code binding} proves that an authorised member owns {@code staticKey}; else why not. */
    private DropCause verify(IdentityBinding binding, byte[] staticKey, long now) {
        String peerId = binding.peerId();
        X509Certificate certificate = members.apply(peerId);
        PeerSession peer = sessions.apply(peerId);
        if (certificate == null || peer == null || peer.isRemoved()) {
            return DropCause.NOT_MEMBER;
        }
        if (peerId.equals(identity.peerId()) || now / 1000 > binding.notAfter() + CLOCK_SKEW_SECONDS) {
            return DropCause.BAD_IDENTITY;
        }
        try {
            certificate.checkValidity(new Date(now));
        } catch (java.security.cert.CertificateException e) {
            return DropCause.BAD_IDENTITY;
        }
        Verified cached = verified.get(peerId);
        if (cached != null && cached.matches(binding, staticKey)) {
            return null;
        }
        if (!binding.verify(swarmId, staticKey, certificate.getPublicKey())) {
            return DropCause.BAD_IDENTITY;
        }
        verified.put(peerId, new Verified(staticKey, binding.notAfter(), binding.signature()));
        return null;
    }

    void forget(String peerId) {
        verified.remove(peerId);
    }

    /** Drops responder handshakes that timed out, and the oldest ones while room is needed. */
    void evict(long now, int room) {
        long timeout = 3 * config.rekeyTimeout().toMillis();
        Iterator<Responding> it = responding.values().iterator();
        while (it.hasNext()) {
            Responding p = it.next();
            if (now - p.started < timeout && responding.size() + room <= config.maxPendingHandshakes()) {
                break;
            }
            it.remove();
            indices.remove(p.localIndex, p);
            p.state.destroy();
        }
    }

    int pendingResponses() {
        return responding.size();
    }

    private boolean takeToken(long now) {
        int rate = config.handshakesPerSecond();
        tokens = Math.min(rate, tokens + Math.max(0, now - tokensAt) * rate / 1000.0);
        tokensAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    byte[] prologue() {
        return prologue;
    }

    byte[] swarmTag() {
        return swarmTag;
    }

    private int newIndex() {
        int index;
        do {
            index = random.nextInt();
        } while (index == 0 || indices.get(index) != null);
        return index;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
