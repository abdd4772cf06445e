package io.peeros.registry.internal.transport;

import io.peeros.identity.api.PeerIds;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The trust service's manager narrowed to one peer: the server must be trusted and be exactly that peer, so a
 * call sent to a wrong or stale address never reaches another peer, however trusted.
 */
final class PeerIdTrustManager extends HostAgnosticTrustManager {

    private final X509TrustManager trusted;
    private final String peerId;

    PeerIdTrustManager(X509TrustManager trusted, String peerId) {
        this.trusted = trusted;
        this.peerId = peerId;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        String presented = PeerIds.of(leaf(chain));
        if (!presented.equals(peerId)) {
            throw new CertificateException("the server is peer " + presented + ", not " + peerId);
        }
        trusted.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for outgoing calls only");
    }
}
