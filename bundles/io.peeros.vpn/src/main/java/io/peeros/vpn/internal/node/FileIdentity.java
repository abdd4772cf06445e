package io.peeros.vpn.internal.node;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * A fixed identity from a PKCS#8 EC key and its certificate, for {@link NodeMain} (tests and the benchmark);
 * inside the peer, the identity service provides the real one.
 */
final class FileIdentity implements PeerIdentity {
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String peerId;

    FileIdentity(byte[] pkcs8, X509Certificate certificate) throws GeneralSecurityException {
        this.key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        this.certificate = certificate;
        this.peerId = PeerIds.of(certificate);
    }

    @Override
    public String peerId() {
        return peerId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public X509KeyManager keyManager() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("peer", key, new char[0], new X509Certificate[] {certificate});
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, new char[0]);
            return (X509KeyManager) f.getKeyManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a key manager", e);
        }
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public X509Certificate rotateCertificate() {
        throw new IllegalStateException("a file identity keeps its certificate");
    }
}
