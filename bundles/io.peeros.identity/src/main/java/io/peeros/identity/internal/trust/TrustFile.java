package io.peeros.identity.internal.trust;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.identity.internal.AtomicFiles;
import io.peeros.identity.internal.Certificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code trust.json}: a JSON object from peer id to the PEM certificate recorded for that peer. */
final class TrustFile {

    static final String NAME = "trust.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {
    };

    private TrustFile() {
    }

    static Map<String, X509Certificate> load(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<String, X509Certificate> peers = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : JSON.readValue(file.toFile(), TYPE).entrySet()) {
            try {
                peers.put(entry.getKey(), Certificates.fromPem(entry.getValue()));
            } catch (CertificateException e) {
                throw new IOException("the certificate of peer " + entry.getKey() + " is unreadable: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableMap(peers);
    }

    static void save(Path dir, Map<String, X509Certificate> peers) throws IOException {
        Map<String, String> pems = new TreeMap<>();
        peers.forEach((id, cert) -> pems.put(id, Certificates.toPem(cert)));
        AtomicFiles.write(dir.resolve(NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pems));
    }
}
