package io.peeros.vpn.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Noise HandshakeState (revision 34, section 5.3) for pattern XX:
 *
 * <pre>
 *   -&gt; e
 *   &lt;- e, ee, s, es
 *   -&gt; s, se
 * </pre>
 *
 * Tokens are processed one by one exactly as the specification's WriteMessage and ReadMessage describe.
 * Failures (bad MAC, small-order point, short message) return null and leave the state unusable.
 */
final class HandshakeState {

    private static final String[][] XX = {{"e"}, {"e", "ee", "s", "es"}, {"s", "se"}};

    private final boolean initiator;
    private final SymmetricState symmetric;
    private final X25519.KeyPair s;
    private final Supplier<X25519.KeyPair> ephemeralSource;
    private X25519.KeyPair e;
    private byte[] rs;
    private byte[] re;
    private int message;
    private boolean failed;

    /**
     * Initialize(handshake_pattern = XX, initiator, prologue, s, e = none, rs = none, re = none).
     *
     * @param ephemeralSource where GENERATE_KEYPAIR takes ephemeral keys from (fixed ones in test vectors)
     */
    HandshakeState(CipherSuite suite, boolean initiator, byte[] prologue, X25519.KeyPair s,
            Supplier<X25519.KeyPair> ephemeralSource) {
        this.initiator = initiator;
        this.symmetric = new SymmetricState(suite);
        this.s = s;
        this.ephemeralSource = ephemeralSource;
        symmetric.initialize(suite.protocolName());
        symmetric.mixHash(prologue);
    }

    static Supplier<X25519.KeyPair> randomEphemerals(SecureRandom random) {
        return () -> X25519.generate(random);
    }

    boolean isInitiator() {
        return initiator;
    }

    /** Whether the next message is ours to write. */
    boolean writesNext() {
        return (message % 2 == 0) == initiator;
    }

    boolean isComplete() {
        return message == XX.length;
    }

    /** The remote static public key, once received. */
    byte[] remoteStatic() {
        return rs == null ? null : rs.clone();
    }

    /** The current handshake hash h (the transcript so far). */
    byte[] handshakeHash() {
        return symmetric.handshakeHash();
    }

    /** WriteMessage(payload): the message bytes. */
    byte[] writeMessage(byte[] payload) {
        if (failed || isComplete() || !writesNext()) {
            throw new IllegalStateException("not our turn to write");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + payload.length);
        for (String token : XX[message]) {
            switch (token) {
                case "e" -> {
                    e = ephemeralSource.get();
                    out.writeBytes(e.publicKey());
                    symmetric.mixHash(e.publicKey());
                }
                case "s" -> out.writeBytes(symmetric.encryptAndHash(s.publicKey()));
                default -> {
                    if (!mixDh(token)) {
                        failed = true;
                        throw new IllegalStateException("DH with a small-order point");
                    }
                }
            }
        }
        out.writeBytes(symmetric.encryptAndHash(payload));
        message++;
        return out.toByteArray();
    }

    /** ReadMessage(message): the payload, or null when the message is malformed or does not authenticate. */
    byte[] readMessage(byte[] in) {
        if (failed || isComplete() || writesNext()) {
            return null;
        }
        int offset = 0;
        for (String token : XX[message]) {
            switch (token) {
                case "e" -> {
                    if (in.length - offset < X25519.KEY_LENGTH) {
                        return fail();
                    }
                    re = Arrays.copyOfRange(in, offset, offset + X25519.KEY_LENGTH);
                    offset += X25519.KEY_LENGTH;
                    symmetric.mixHash(re);
                }
                case "s" -> {
                    int length = X25519.KEY_LENGTH + (symmetric.hasKey() ? Aead.TAG_LENGTH : 0);
                    if (in.length - offset < length) {
                        return fail();
                    }
                    rs = symmetric.decryptAndHash(Arrays.copyOfRange(in, offset, offset + length));
                    offset += length;
                    if (rs == null) {
                        return fail();
                    }
                }
                default -> {
                    if (!mixDh(token)) {
                        return fail();
                    }
                }
            }
        }
        byte[] payload = symmetric.decryptAndHash(Arrays.copyOfRange(in, offset, in.length));
        if (payload == null) {
            return fail();
        }
        message++;
        return payload;
    }

    /**
     * An initiator waiting for message 2 (the only state a handover carries: the responder already holds keys
     * from it): chaining key, hash, static and ephemeral key pairs, as copies the caller must zero. Null in any
     * other state.
     */
    Map<String, Object> exportWaiting() {
        byte[][] ckh = symmetric.exportUnkeyed();
        if (!initiator || message != 1 || failed || e == null || ckh == null) {
            return null;
        }
        Map<String, Object> m = new HashMap<>();
        m.put("ck", ckh[0]);
        m.put("h", ckh[1]);
        m.put("sPrivate", s.privateKey().clone());
        m.put("sPublic", s.publicKey().clone());
        m.put("ePrivate", e.privateKey().clone());
        m.put("ePublic", e.publicKey().clone());
        return m;
    }

    /** An initiator waiting for message 2, from {@link #exportWaiting()}. */
    static HandshakeState restoreWaiting(CipherSuite suite, byte[] prologue, Map<String, Object> m) {
        X25519.KeyPair s = new X25519.KeyPair(StateMap.bytesOf(m, "sPrivate").clone(),
                StateMap.bytesOf(m, "sPublic").clone());
        HandshakeState state = new HandshakeState(suite, true, prologue, s, () -> {
            throw new IllegalStateException("a restored handshake makes no new ephemeral key");
        });
        state.symmetric.restoreUnkeyed(StateMap.bytesOf(m, "ck"), StateMap.bytesOf(m, "h"));
        state.e = new X25519.KeyPair(StateMap.bytesOf(m, "ePrivate").clone(), StateMap.bytesOf(m, "ePublic").clone());
        state.message = 1;
        return state;
    }

    /** Split() after the last message: {initiator-to-responder key, responder-to-initiator key}. */
    byte[][] split() {
        if (!isComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        byte[][] keys = symmetric.split();
        destroyEphemeral();
        return keys;
    }

    /** Wipes everything secret this state holds (the static key belongs to the caller). */
    void destroy() {
        symmetric.destroy();
        destroyEphemeral();
    }

    private void destroyEphemeral() {
        if (e != null) {
            e.destroy();
        }
    }

    private byte[] fail() {
        failed = true;
        destroy();
        return null;
    }

    private boolean mixDh(String token) {
        byte[] shared = switch (token) {
            case "ee" -> X25519.dh(e.privateKey(), re);
            case "es" -> initiator ? X25519.dh(e.privateKey(), rs) : X25519.dh(s.privateKey(), re);
            case "se" -> initiator ? X25519.dh(s.privateKey(), re) : X25519.dh(e.privateKey(), rs);
            default -> throw new IllegalStateException("token " + token);
        };
        if (shared == null) {
            return false;
        }
        symmetric.mixKey(shared);
        Arrays.fill(shared, (byte) 0);
        return true;
    }
}
