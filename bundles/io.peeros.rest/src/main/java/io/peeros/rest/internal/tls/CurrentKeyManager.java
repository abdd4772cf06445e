package io.peeros.rest.internal.tls;

import io.peeros.identity.api.PeerIdentity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509KeyManager;

/**
 * The key manager of whichever identity service runs now: asked at every handshake, so the ports keep serving
 * the peer's key and current certificate across an update of the identity bundle.
 */
final class CurrentKeyManager implements X509KeyManager {

    private final PeerIdentity identity;

    CurrentKeyManager(PeerIdentity identity) {
        this.identity = identity;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return identity.keyManager().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return identity.keyManager().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return identity.keyManager().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return identity.keyManager().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identity.keyManager().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identity.keyManager().getPrivateKey(alias);
    }
}
