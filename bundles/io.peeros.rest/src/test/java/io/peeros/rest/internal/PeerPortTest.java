package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakePeerProtocol.Call;
import io.peeros.rest.internal.support.Https;
import io.peeros.rest.internal.support.TestKey;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The mutual-TLS port: only trusted peers complete the handshake, and their certificate reaches the protocol. */
public class PeerPortTest {

    private static RestFixture rest;
    private static TestKey trusted;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        trusted = TestKey.create("trusted-peer");
        rest.trust.trust(PeerIds.of(trusted.certificate()), trusted.certificate());
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void trustedPeerGetsAHeartbeatAndItsCertificateReachesTheProtocol() throws Exception {
        Answer answer = rest.client(trusted).send("GET", rest.peerUri("/p2p/heartbeat"), null, null);

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals("a".repeat(64), answer.json().path("id").asText());
        assertEquals("https://local.test:8444", answer.json().path("peerUrl").asText());
        Call call = rest.protocol.lastCall();
        assertEquals("heartbeat", call.method());
        assertEquals(trusted.certificate(), call.certificate());
    }

    @Test
    public void trustedPeerUnregisters() throws Exception {
        Answer answer = rest.client(trusted).send("POST", rest.peerUri("/p2p/unregister"), null, null);

        assertEquals(answer.toString(), 204, answer.status());
        assertEquals("unregister", rest.protocol.lastCall().method());
        assertEquals(trusted.certificate(), rest.protocol.lastCall().certificate());
    }

    @Test
    public void untrustedCertificateFailsTheHandshake() {
        Https stranger = rest.client(TestKey.create("stranger"));
        int before = rest.protocol.calls().size();

        assertHandshakeRefused(stranger);
        assertEquals(before, rest.protocol.calls().size());
    }

    @Test
    public void noCertificateFailsTheHandshake() {
        assertHandshakeRefused(rest.client());
    }

    @Test
    public void revokedPeerFailsTheNextHandshake() throws Exception {
        TestKey once = TestKey.create("once-trusted");
        String id = PeerIds.of(once.certificate());
        rest.trust.trust(id, once.certificate());
        assertEquals(200, rest.client(once).send("GET", rest.peerUri("/p2p/heartbeat"), null, null).status());

        rest.trust.revoke(id);

        assertHandshakeRefused(rest.client(once));
    }

    @Test
    public void onlyTheProtocolIsServedThere() throws Exception {
        Answer answer = rest.client(trusted).send("GET", rest.peerUri("/peer"), null, null);

        ErrorMappingTest.assertError(answer, 404, "NOT_FOUND");
    }

    @Test
    public void peerProtocolIsNotServedOnThePublicPort() throws Exception {
        Answer answer = rest.client(trusted).send("GET", rest.publicUri("/p2p/heartbeat"), null, null);

        ErrorMappingTest.assertError(answer, 404, "NOT_FOUND");
    }

    /** The server refuses in the TLS handshake (an alert), so no HTTP request is ever read. */
    private static void assertHandshakeRefused(Https client) {
        IOException e = assertThrows(IOException.class,
                () -> client.send("GET", rest.peerUri("/p2p/heartbeat"), null, null));
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return;
            }
        }
        throw new AssertionError("not refused in the handshake", e);
    }

    @Test
    public void tls12And13AreAccepted() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            Https client = Https.client(rest.serverKey.certificate(), trusted, protocol);
            assertEquals(protocol, 200, client.send("GET", rest.peerUri("/p2p/heartbeat"), null, null).status());
        }
    }
}
