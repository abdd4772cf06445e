package io.peeros.registry.internal.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Accepts whatever certificate a server presents, for a registration request only. The request carries
 * nothing secret; the caller compares the presented certificate with the reply, and the code-keyed tags of
 * the confirmation later prove that both sides saw the same certificates.
 */
final class FirstContactTrustManager extends HostAgnosticTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        leaf(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager is for outgoing registration requests only");
    }
}
