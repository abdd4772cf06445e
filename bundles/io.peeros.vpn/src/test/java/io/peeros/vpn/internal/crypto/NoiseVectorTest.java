package io.peeros.vpn.internal.crypto;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.Test;

/**
 * Checks the Noise implementation against the Cacophony test vectors for exactly our two suites: every
 * handshake message byte for byte, the handshake hash, and transport messages after Split().
 */
public class NoiseVectorTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    public void chachaPolyMatchesCacophony() throws IOException {
        verify(CipherSuite.CHACHA20_POLY1305, "Noise_XX_25519_ChaChaPoly_SHA256");
    }

    @Test
    public void aesGcmMatchesCacophony() throws IOException {
        verify(CipherSuite.AES_256_GCM, "Noise_XX_25519_AESGCM_SHA256");
    }

    @Test
    public void tamperedHandshakeMessageIsRejected() throws IOException {
        Properties v = load("Noise_XX_25519_ChaChaPoly_SHA256");
        HandshakeState initiator = initiator(CipherSuite.CHACHA20_POLY1305, v);
        HandshakeState responder = responder(CipherSuite.CHACHA20_POLY1305, v);
        responder.readMessage(initiator.writeMessage(new byte[0]));
        byte[] message2 = responder.writeMessage(new byte[0]);
        message2[40] ^= 1;
        assertNull(initiator.readMessage(message2));
    }

    private static void verify(CipherSuite suite, String name) throws IOException {
        Properties v = load(name);
        assertEquals(v.getProperty("protocol_name"), suite.protocolName());
        HandshakeState initiator = initiator(suite, v);
        HandshakeState responder = responder(suite, v);
        for (int i = 0; i < 3; i++) {
            HandshakeState writer = i % 2 == 0 ? initiator : responder;
            HandshakeState reader = i % 2 == 0 ? responder : initiator;
            byte[] message = writer.writeMessage(hex(v, "payload." + i));
            assertEquals("message " + i, v.getProperty("ciphertext." + i), HEX.formatHex(message));
            assertArrayEquals(hex(v, "payload." + i), reader.readMessage(message));
            if (i == 1) {
                // This (2017) Cacophony file records h as it stands after the second message; the third
                // message and the transport messages below depend on it and on the final ck, byte for byte.
                assertEquals(v.getProperty("handshake_hash"), HEX.formatHex(initiator.handshakeHash()));
            }
        }
        assertArrayEquals(initiator.handshakeHash(), responder.handshakeHash());
        byte[][] initiatorKeys = initiator.split();
        byte[][] responderKeys = responder.split();
        CipherState toInitiator = new CipherState(suite);
        toInitiator.initializeKey(responderKeys[1]);
        CipherState toResponder = new CipherState(suite);
        toResponder.initializeKey(initiatorKeys[0]);
        // After the handshake the vectors keep alternating: responder, initiator, responder.
        assertEquals(v.getProperty("ciphertext.3"), HEX.formatHex(toInitiator.encryptWithAd(new byte[0], hex(v, "payload.3"))));
        assertEquals(v.getProperty("ciphertext.4"), HEX.formatHex(toResponder.encryptWithAd(new byte[0], hex(v, "payload.4"))));
        assertEquals(v.getProperty("ciphertext.5"), HEX.formatHex(toInitiator.encryptWithAd(new byte[0], hex(v, "payload.5"))));
    }

    private static HandshakeState initiator(CipherSuite suite, Properties v) {
        return new HandshakeState(suite, true, hex(v, "init_prologue"), X25519.fromPrivate(hex(v, "init_static")),
                () -> X25519.fromPrivate(hex(v, "init_ephemeral")));
    }

    private static HandshakeState responder(CipherSuite suite, Properties v) {
        return new HandshakeState(suite, false, hex(v, "resp_prologue"), X25519.fromPrivate(hex(v, "resp_static")),
                () -> X25519.fromPrivate(hex(v, "resp_ephemeral")));
    }

    private static byte[] hex(Properties v, String key) {
        return HEX.parseHex(v.getProperty(key));
    }

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = NoiseVectorTest.class.getResourceAsStream("/noise/" + name + ".properties")) {
            p.load(in);
        }
        return p;
    }
}
