package io.peeros.registry.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.Test;

public class HandshakeCryptoTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    public void hkdfMatchesRfc5869TestCase1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] okm = HandshakeCrypto.hkdf(ikm, HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"));
        // the first 32 of the RFC's 42 output bytes
        assertArrayEquals(HEX.parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"), okm);
    }

    @Test
    public void tagsDependOnCodeRoleAndEveryTranscriptField() {
        byte[] nonceA = new byte[32];
        byte[] nonceB = new byte[32];
        nonceB[0] = 1;
        byte[] code = "ABCDEFGHIJKLMNOP".getBytes();
        byte[] key = HandshakeCrypto.key(code, nonceA, nonceB);
        byte[] transcript = HandshakeCrypto.transcript("a", new byte[] {1}, "b", new byte[] {2}, nonceA, nonceB);
        byte[] approver = HandshakeCrypto.approverTag(key, transcript);

        assertFalse(Arrays.equals(approver, HandshakeCrypto.requesterTag(key, transcript)));
        assertFalse(Arrays.equals(approver, HandshakeCrypto.approverTag(
                HandshakeCrypto.key("ABCDEFGHIJKLMNOQ".getBytes(), nonceA, nonceB), transcript)));
        assertFalse(Arrays.equals(approver, HandshakeCrypto.approverTag(key,
                HandshakeCrypto.transcript("a", new byte[] {1}, "b", new byte[] {3}, nonceA, nonceB))));
        // length prefixes: moving a byte from one field to the next changes the transcript
        assertFalse(Arrays.equals(transcript,
                HandshakeCrypto.transcript("a", new byte[] {}, "b", new byte[] {1, 2}, nonceA, nonceB)));
        assertTrue(HandshakeCrypto.matches(approver, HandshakeCrypto.encode(approver)));
        assertFalse(HandshakeCrypto.matches(approver, "not base64!"));
        assertFalse(HandshakeCrypto.matches(approver, null));
    }
}
