package io.peeros.registry.internal.transport;

import io.peeros.registry.internal.Certificates;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** Accepts exactly one server certificate (DER-equal), the one a registration pinned. */
final class PinnedTrustManager extends HostAgnosticTrustManager {

    private final X509Certificate pinned;

    PinnedTrustManager(X509Certificate pinned) {
        this.pinned = pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        X509Certificate presented = leaf(chain);
        if (!Certificates.sameDer(presented, pinned)) {
            throw new CertificateException("the peer presented certificate " + Certificates.fingerprint(presented)
                    + " instead of the pinned " + Certificates.fingerprint(pinned));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for outgoing calls only");
    }
}
