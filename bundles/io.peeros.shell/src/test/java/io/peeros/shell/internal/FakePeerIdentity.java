package io.peeros.shell.internal;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.PeerIds;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509KeyManager;

/**
 * A peer identity over two real certificates made with keytool for one EC key: {@code peer-cert-1.pem} is
 * current, rotation switches to {@code peer-cert-2.pem} (a new serial and validity for the same key).
 */
public final class FakePeerIdentity implements PeerIdentity {

    /** SHA-256 fingerprints as printed by {@code keytool -printcert}. */
    public static final String FINGERPRINT_1 =
            "6F:E7:63:F2:19:50:65:5F:6F:03:93:45:32:7C:7D:A9:18:0B:0D:45:49:06:7C:4D:B6:16:1F:75:AE:81:16:A5";
    public static final String FINGERPRINT_2 =
            "25:DA:8F:14:83:81:CC:AD:33:93:FE:28:42:FB:34:E5:7D:0A:36:DF:C9:46:AC:90:5A:F8:9C:68:1D:AF:85:51";

    private X509Certificate current = load("/peer-cert-1.pem");
    public int rotations;

    public static X509Certificate load(String resource) {
        try (InputStream in = FakePeerIdentity.class.getResourceAsStream(resource)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    @Override
    public String peerId() {
        return PeerIds.of(current);
    }

    @Override
    public X509Certificate certificate() {
        return current;
    }

    @Override
    public X509KeyManager keyManager() {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] sign(byte[] data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public X509Certificate rotateCertificate() {
        rotations++;
        current = load("/peer-cert-2.pem");
        return current;
    }
}
