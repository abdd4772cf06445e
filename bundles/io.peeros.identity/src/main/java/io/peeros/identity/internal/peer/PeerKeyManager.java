package io.peeros.identity.internal.peer;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the peer key and its current certificate, alias {@value #ALIAS}, to both sides of a TLS handshake.
 * The issuer hints are ignored: peers trust each other by key, not by issuer.
 */
final class PeerKeyManager extends X509ExtendedKeyManager {

    static final String ALIAS = "peer";

    private final PrivateKey key;
    private final Supplier<X509Certificate> certificate;

    PeerKeyManager(PrivateKey key, Supplier<X509Certificate> certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return matches(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(PeerKeyManager::matches) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matches(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate.get()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    // JSSE asks for "EC" (TLS 1.3 and ECDHE_ECDSA) or "EC_EC" (static ECDH with an ECDSA-signed certificate).
    private static boolean matches(String keyType) {
        return keyType != null && (keyType.equals("EC") || keyType.startsWith("EC_"));
    }
}
