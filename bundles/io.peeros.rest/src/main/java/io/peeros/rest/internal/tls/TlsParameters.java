package io.peeros.rest.internal.tls;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;

/** The TLS policy of each port: the peer's own key, TLS 1.2 or 1.3 only, and who may present what. */
public final class TlsParameters {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> OLD_PROTOCOLS = List.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");

    private TlsParameters() {
    }

    /**
     * The public port: a client certificate is wanted but not required, and any is accepted. It is only proof
     * of possession for the registration protocol, which checks it against the message itself.
     */
    public static TLSServerParameters publicPort(PeerIdentity identity) {
        TLSServerParameters tls = common(identity);
        tls.setTrustManagers(new TrustManager[] {new AnyClientCertificateTrustManager()});
        tls.setClientAuthentication(clientAuthentication(false));
        return tls;
    }

    /** The peer port: a certificate of a trusted peer is required, so strangers fail in the handshake. */
    public static TLSServerParameters peerPort(PeerIdentity identity, TrustService trust) {
        TLSServerParameters tls = common(identity);
        tls.setTrustManagers(new TrustManager[] {new CurrentTrustManager(trust)});
        tls.setClientAuthentication(clientAuthentication(true));
        return tls;
    }

    private static TLSServerParameters common(PeerIdentity identity) {
        TLSServerParameters tls = new TLSServerParameters();
        tls.setSecureSocketProtocol("TLS");
        tls.setIncludeProtocols(PROTOCOLS);
        tls.setExcludeProtocols(OLD_PROTOCOLS);
        tls.setKeyManagers(new KeyManager[] {EngineKeyManager.of(new CurrentKeyManager(identity))});
        // peers are known by key, not by host name: a certificate names no host to check SNI against
        tls.setSniHostCheck(false);
        return tls;
    }

    private static ClientAuthentication clientAuthentication(boolean required) {
        ClientAuthentication auth = new ClientAuthentication();
        auth.setWant(true);
        auth.setRequired(required);
        return auth;
    }
}
