package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakePeerProtocol;
import io.peeros.rest.internal.support.FakePeerProtocol.Call;
import io.peeros.rest.internal.support.TestKey;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The registration part of the protocol on the public port: no token, the TLS client certificate is handed on. */
public class RegistrationsTest {

    private static RestFixture rest;
    private static TestKey stranger;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        stranger = TestKey.create("registering-peer");
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void registrationGetsTheClientCertificate() throws Exception {
        Answer answer = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations"),
                message(PeerIds.of(stranger.certificate())), null);

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals("a".repeat(64), answer.json().path("peerId").asText());
        assertEquals(1_900_000_000L, answer.json().path("expiresEpochSecond").asLong());
        Call call = rest.protocol.lastCall();
        assertEquals("registration", call.method());
        assertEquals(stranger.certificate(), call.certificate());
    }

    @Test
    public void registrationWithoutCertificateIsHandedNullAndRefusedByTheProtocol() throws Exception {
        Answer answer = rest.call("POST", "/p2p/registrations", message(PeerIds.of(stranger.certificate())), null);

        ErrorMappingTest.assertError(answer, 400, "REQUEST_INVALID");
        assertNull(rest.protocol.lastCall().certificate());
    }

    @Test
    public void certificateOfAnotherPeerIsRefusedByTheProtocol() throws Exception {
        Answer answer = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations"),
                message("b".repeat(64)), null);

        ErrorMappingTest.assertError(answer, 400, "REQUEST_INVALID");
    }

    @Test
    public void confirmAndRejectGetTheIdAndCertificate() throws Exception {
        Answer confirm = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations/req-1/confirm"),
                "{\"tag\": \"" + FakePeerProtocol.GOOD_TAG + "\"}", null);
        Call confirmed = rest.protocol.lastCall();
        Answer reject = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations/req-2/reject"),
                null, null);
        Call rejected = rest.protocol.lastCall();

        assertEquals(confirm.toString(), 200, confirm.status());
        assertEquals("reply-tag", confirm.json().path("tag").asText());
        assertEquals("req-1", confirmed.requestId());
        assertEquals(stranger.certificate(), confirmed.certificate());
        assertEquals(204, reject.status());
        assertEquals("req-2", rejected.requestId());
        assertEquals(stranger.certificate(), rejected.certificate());
    }

    @Test
    public void wrongTagIs422() throws Exception {
        Answer answer = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations/req-3/confirm"),
                "{\"tag\": \"forged\"}", null);

        ErrorMappingTest.assertError(answer, 422, "CODE_WRONG");
    }

    @Test
    public void protocolMessagesAreStrictToo() throws Exception {
        Answer answer = rest.client(stranger).send("POST", rest.publicUri("/p2p/registrations/req-4/confirm"),
                "{\"tag\": \"x\", \"extra\": true}", null);

        ErrorMappingTest.assertError(answer, 400, "FIELD_UNKNOWN");
    }

    private static String message(String peerId) {
        return "{\"peerId\": \"" + peerId + "\", \"name\": \"remote\", \"publicUrl\": \"https://remote.test:8443\", "
                + "\"peerUrl\": \"https://remote.test:8444\", \"certificatePem\": \"PEM\", \"nonce\": \"bm9uY2U\"}";
    }
}
