package io.peeros.rest.internal.support;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509KeyManager;

/**
 * The local peer's identity over a {@link TestKey}. Its key manager is a plain {@link X509KeyManager} on
 * purpose: the REST server must adapt it to Jetty's engines.
 */
public final class FakePeerIdentity implements PeerIdentity {

    private final TestKey key;

    public FakePeerIdentity(TestKey key) {
        this.key = key;
    }

    @Override
    public String peerId() {
        return PeerIds.of(key.certificate());
    }

    @Override
    public X509Certificate certificate() {
        return key.certificate();
    }

    @Override
    public X509KeyManager keyManager() {
        return key.plainKeyManager();
    }

    @Override
    public byte[] sign(byte[] data) {
        throw new UnsupportedOperationException("the REST layer never signs");
    }

    @Override
    public X509Certificate rotateCertificate() {
        throw new UnsupportedOperationException("the REST layer never rotates");
    }
}
