package io.peeros.registry.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of the registration handshake (see PROTOCOL.md): a key derived from the code and both
 * nonces, a transcript binding both peer ids, certificates and nonces, and the two role-labelled tags.
 */
public final class HandshakeCrypto {

    public static final int NONCE_BYTES = 32;
    static final String INFO = "peeros-registration-v1";
    static final String APPROVER = "approver";
    static final String REQUESTER = "requester";

    private HandshakeCrypto() {
    }

    public static byte[] nonce(SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** K = HKDF-SHA256(ikm = normalized code, salt = nonceA || nonceB, info = "peeros-registration-v1"). */
    public static byte[] key(byte[] normalizedCode, byte[] nonceA, byte[] nonceB) {
        byte[] salt = ByteBuffer.allocate(nonceA.length + nonceB.length).put(nonceA).put(nonceB).array();
        return hkdf(normalizedCode, salt, INFO.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 5869 HKDF-SHA256 with an output of 32 bytes (one expand block). */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        byte[] prk = hmac(salt, ikm);
        byte[] block = ByteBuffer.allocate(info.length + 1).put(info).put((byte) 1).array();
        return hmac(prk, block);
    }

    /** Length-prefixed (4-byte big-endian) concatenation of the six values both sides must agree on. */
    public static byte[] transcript(String requesterId, byte[] requesterCertDer, String approverId,
            byte[] approverCertDer, byte[] nonceA, byte[] nonceB) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        for (byte[] part : new byte[][] {requesterId.getBytes(StandardCharsets.US_ASCII), requesterCertDer,
                approverId.getBytes(StandardCharsets.US_ASCII), approverCertDer, nonceA, nonceB}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The approver's tag: HMAC-SHA256(K, "approver" || transcript). */
    public static byte[] approverTag(byte[] key, byte[] transcript) {
        return tag(key, APPROVER, transcript);
    }

    /** The requester's tag: HMAC-SHA256(K, "requester" || transcript). */
    public static byte[] requesterTag(byte[] key, byte[] transcript) {
        return tag(key, REQUESTER, transcript);
    }

    /** Constant-time comparison of an expected tag with a received base64url one; false if malformed. */
    public static boolean matches(byte[] expected, String receivedBase64Url) {
        byte[] received;
        try {
            received = decode(receivedBase64Url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, received);
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes base64url with or without padding; {@link IllegalArgumentException} when malformed. */
    public static byte[] decode(String base64Url) {
        if (base64Url == null) {
            throw new IllegalArgumentException("missing");
        }
        return Base64.getUrlDecoder().decode(base64Url);
    }

    private static byte[] tag(byte[] key, String label, byte[] transcript) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] data = ByteBuffer.allocate(labelBytes.length + transcript.length).put(labelBytes).put(transcript)
                .array();
        return hmac(key, data);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
