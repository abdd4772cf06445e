package io.peeros.rest.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Lets a plain {@link X509KeyManager} serve an {@link SSLEngine}. Jetty handshakes through engines, and the
 * JDK's wrapper for a non-extended key manager answers no alias for engines, which would fail every
 * handshake with "no cipher suites in common".
 */
final class EngineKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager delegate;

    private EngineKeyManager(X509KeyManager delegate) {
        this.delegate = delegate;
    }

    /** {@code keyManager} itself when it already serves engines, otherwise an adapter. */
    static X509ExtendedKeyManager of(X509KeyManager keyManager) {
        if (keyManager instanceof X509ExtendedKeyManager extended) {
            return extended;
        }
        return new EngineKeyManager(keyManager);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
