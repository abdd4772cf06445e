package io.peeros.identity.internal.trust;

import io.peeros.identity.api.PeerIds;
import io.peeros.identity.internal.Certificates;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a TLS peer when the key of its leaf certificate is a trusted peer id and the certificate is
 * within its validity and signed by that key. The trusted set is read on every handshake, so a revocation
 * applies to the next connection. Extending {@link X509ExtendedTrustManager} also keeps JSSE from adding
 * a host name check: peers are identified by key.
 */
final class PeerTrustManager extends X509ExtendedTrustManager {

    private final Supplier<Map<String, X509Certificate>> trusted;
    private final Clock clock;

    PeerTrustManager(Supplier<Map<String, X509Certificate>> trusted, Clock clock) {
        this.trusted = trusted;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trusted.get().values().toArray(new X509Certificate[0]);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the remote side presented no certificate");
        }
        X509Certificate leaf = chain[0];
        String peerId = PeerIds.of(leaf);
        if (!trusted.get().containsKey(peerId)) {
            throw new CertificateException("peer " + peerId + " (" + leaf.getSubjectX500Principal().getName()
                    + ") is not trusted by this peer");
        }
        Certificates.checkSelfSigned(leaf, clock.instant());
    }
}
