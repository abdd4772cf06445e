package io.peeros.rest.internal.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.apache.cxf.jaxrs.ext.ContextProvider;
import org.apache.cxf.message.Message;
import org.apache.cxf.security.transport.TLSSessionInfo;

/**
 * Supplies {@code @Context ClientCertificate}. CXF's HTTP destination copies the servlet request's
 * {@code javax.servlet.request.X509Certificate} attribute, which Jetty's {@code SecureRequestCustomizer} sets
 * from the TLS session, into the message's {@link TLSSessionInfo}.
 */
public final class ClientCertificateProvider implements ContextProvider<ClientCertificate> {

    @Override
    public ClientCertificate createContext(Message message) {
        TLSSessionInfo tls = message.get(TLSSessionInfo.class);
        Certificate[] chain = tls == null ? null : tls.getPeerCertificates();
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return ClientCertificate.NONE;
        }
        return new ClientCertificate(leaf);
    }
}
