package io.peeros.registry.internal.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** The trust service's manager (exactly the trusted peers), without host name checks. */
final class PeerTrustManager extends HostAgnosticTrustManager {

    private final X509TrustManager trusted;

    PeerTrustManager(X509TrustManager trusted) {
        this.trusted = trusted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trusted.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trusted.checkClientTrusted(chain, authType);
    }
}
