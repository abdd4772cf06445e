package io.peeros.registry.api.protocol;

import io.peeros.registry.api.PeerInfo;
import java.security.cert.X509Certificate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The receiving side of the peer-to-peer protocol. The REST layer calls these with the certificate the
 * caller presented in the TLS handshake ({@code null} if none); every method refuses a call whose
 * certificate does not match what the message or the stored state says. Failures are
 * {@link io.peeros.registry.api.RegistryException}s whose code the REST layer returns.
 */
@ProviderType
public interface PeerProtocol {

    /** A peer asks to register with this one. */
    RegistrationReply onRegistration(RegistrationMessage message, X509Certificate clientCertificate);

    /** The approver of an outgoing request confirms with its tag; answers with this peer's tag. */
    ConfirmReply onConfirm(String requestId, ConfirmMessage message, X509Certificate clientCertificate);

    /** The approver of an outgoing request refused it. */
    void onReject(String requestId, X509Certificate clientCertificate);

    /** An approved peer checks this one is alive (mutual TLS). */
    PeerInfo onHeartbeat(X509Certificate clientCertificate);

    /** An approved peer ends the registration (mutual TLS). */
    void onUnregister(X509Certificate clientCertificate);
}
