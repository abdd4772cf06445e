package io.peeros.rest.internal.support;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.PeerIds;
import io.peeros.identity.api.TrustService;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.X509TrustManager;

/** Trusted peers in memory, by key fingerprint; its trust manager asks the map on every handshake. */
public final class FakeTrustService implements TrustService {

    private final Map<String, X509Certificate> trusted = new ConcurrentHashMap<>();

    @Override
    public void trust(String peerId, X509Certificate certificate) {
        if (!PeerIds.of(certificate).equals(peerId)) {
            throw new IdentityException("TRUST_MISMATCH", "peer id is not the certificate's fingerprint");
        }
        trusted.put(peerId, certificate);
    }

    @Override
    public boolean revoke(String peerId) {
        return trusted.remove(peerId) != null;
    }

    @Override
    public Optional<X509Certificate> certificateOf(String peerId) {
        return Optional.ofNullable(trusted.get(peerId));
    }

    @Override
    public boolean isTrusted(X509Certificate certificate) {
        try {
            certificate.checkValidity();
        } catch (CertificateException e) {
            return false;
        }
        return trusted.containsKey(PeerIds.of(certificate));
    }

    @Override
    public Map<String, X509Certificate> trusted() {
        return Map.copyOf(trusted);
    }

    @Override
    public X509TrustManager trustManager() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return trusted.values().toArray(new X509Certificate[0]);
            }
        };
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || !isTrusted(chain[0])) {
            throw new CertificateException("not a trusted peer");
        }
    }
}
