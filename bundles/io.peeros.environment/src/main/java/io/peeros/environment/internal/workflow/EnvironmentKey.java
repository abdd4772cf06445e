package io.peeros.environment.internal.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

/**
 * The environment's SSH key: an Ed25519 pair made fresh for each environment, the public half an
 * {@code authorized_keys} line ({@code ssh-ed25519 AAAA… peeros-env-<id>}), the private half an OpenSSH
 * {@code OPENSSH PRIVATE KEY} file as {@code ssh-keygen} writes it. The private half lives only in memory during
 * an operation and in the containers: {@link #toString()} shows the public half alone.
 */
final class EnvironmentKey {

    /** Where the private half goes in every container ({@code .pub} beside it); ssh and Ansible find it there. */
    static final String PRIVATE_PATH = "/root/.ssh/id_ed25519";
    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";

    private final String publicKey;
    private final String privateKey;

    private EnvironmentKey(String publicKey, String privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    static EnvironmentKey generate(String environmentId) {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] blob = encoded(() -> OpenSSHPrivateKeyUtil.encodePrivateKey(pair.getPrivate()));
        // 70 columns, as ssh-keygen writes it
        String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(blob);
        return new EnvironmentKey(line(pair.getPublic(), "peeros-env-" + environmentId),
                BEGIN + "\n" + body + "\n" + END + "\n");
    }

    /** The pair of {@code pem} and {@code publicKey} if {@code pem} is a private key whose public half that is. */
    static Optional<EnvironmentKey> matching(String pem, String publicKey) {
        try {
            int begin = pem.indexOf(BEGIN);
            int end = pem.indexOf(END);
            if (begin < 0 || end < begin || publicKey == null) {
                return Optional.empty();
            }
            byte[] blob = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            AsymmetricKeyParameter key = OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
            String[] fields = publicKey.split(" ");
            return key instanceof Ed25519PrivateKeyParameters ed && fields.length >= 2
                    && line(ed.generatePublicKey(), "").startsWith(fields[0] + " " + fields[1] + " ")
                    ? Optional.of(new EnvironmentKey(publicKey, pem)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code authorized_keys} line. */
    String publicKey() {
        return publicKey;
    }

    /** The private key file's text. */
    String privateKey() {
        return privateKey;
    }

    /** {@code SHA256:…}, as {@code ssh-keygen -l} shows it. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder()
                    .decode(publicKey.split(" ")[1]));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EnvironmentKey[" + publicKey + "]";
    }

    private static String line(AsymmetricKeyParameter publicKey, String comment) {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(encoded(() ->
                OpenSSHPublicKeyUtil.encodePublicKey(publicKey))) + " " + comment;
    }

    private interface Encoding {
        byte[] run() throws IOException;
    }

    private static byte[] encoded(Encoding encoding) {
        try {
            return encoding.run();
        } catch (IOException e) {
            // BC declares it for its streams; an in-memory Ed25519 key cannot fail to encode
            throw new UncheckedIOException(e);
        }
    }
}
