package io.peeros.rest.internal.support;

import io.peeros.identity.api.PeerIds;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every call with the certificate the REST layer handed over, and refuses, like the real protocol,
 * a call without a certificate or whose certificate does not match the message.
 */
public final class FakePeerProtocol implements PeerProtocol {

    public static final String GOOD_TAG = "good-tag";

    /** One call: which entry point, for which request id, with which client certificate. */
    public record Call(String method, String requestId, X509Certificate certificate) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public RegistrationReply onRegistration(RegistrationMessage message, X509Certificate clientCertificate) {
        calls.add(new Call("registration", null, clientCertificate));
        requireCertificate(clientCertificate);
        if (!PeerIds.of(clientCertificate).equals(message.peerId())) {
            throw new RegistryException("REQUEST_INVALID", "the TLS client certificate is not the sender's");
        }
        return new RegistrationReply(FakePeerRegistry.LOCAL.id(), "local", "https://local.test:8443",
                "https://local.test:8444", "PEM", "bm9uY2U", 1_900_000_000L);
    }

    @Override
    public ConfirmReply onConfirm(String requestId, ConfirmMessage message, X509Certificate clientCertificate) {
        calls.add(new Call("confirm", requestId, clientCertificate));
        requireCertificate(clientCertificate);
        if (!GOOD_TAG.equals(message.tag())) {
            throw new RegistryException("CODE_WRONG", "the tag does not verify");
        }
        return new ConfirmReply("reply-tag");
    }

    @Override
    public void onReject(String requestId, X509Certificate clientCertificate) {
        calls.add(new Call("reject", requestId, clientCertificate));
        requireCertificate(clientCertificate);
    }

    @Override
    public PeerInfo onHeartbeat(X509Certificate clientCertificate) {
        calls.add(new Call("heartbeat", null, clientCertificate));
        requireCertificate(clientCertificate);
        return FakePeerRegistry.LOCAL;
    }

    @Override
    public void onUnregister(X509Certificate clientCertificate) {
        calls.add(new Call("unregister", null, clientCertificate));
        requireCertificate(clientCertificate);
    }

    private static void requireCertificate(X509Certificate certificate) {
        if (certificate == null) {
            throw new RegistryException("REQUEST_INVALID", "no TLS client certificate");
        }
    }
}
