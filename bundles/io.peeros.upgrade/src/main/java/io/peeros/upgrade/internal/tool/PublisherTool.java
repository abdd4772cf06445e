package io.peeros.upgrade.internal.tool;

import io.peeros.upgrade.internal.archive.ArchiveLayout;
import io.peeros.upgrade.internal.archive.ArchiveWriter;
import io.peeros.upgrade.internal.archive.FeaturesXml;
import io.peeros.upgrade.internal.archive.PrivateKeyFile;
import io.peeros.upgrade.internal.archive.PublisherKeys;
import io.peeros.upgrade.internal.archive.UpgradeManifest;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The publisher's tool, run with nothing but a JDK 17 and this bundle's jar:
 *
 * <pre>
 * java -cp io.peeros.upgrade.jar io.peeros.upgrade.internal.tool.PublisherTool keygen --key publisher.key
 * java -cp io.peeros.upgrade.jar io.peeros.upgrade.internal.tool.PublisherTool build --features features.xml \
 *      --repository &lt;maven repository dir&gt; --key publisher.key --out peeros-upgrade-0.2.0.zip [--version 0.2.0]
 * </pre>
 *
 * The passphrase of the private key is read from {@code PEEROS_PUBLISHER_PASSPHRASE} or, without it, from the
 * terminal. {@code keygen} writes the encrypted key (0600) and {@code <key>.pub}, the line to put into each
 * peer's {@code trustedPublishers}.
 */
public final class PublisherTool {

    private PublisherTool() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args, PrintStream out) throws IOException, GeneralSecurityException {
        if (args.length == 0) {
            out.println("usage: PublisherTool keygen --key <file> | build --features <xml> --repository <dir>"
                    + " --key <file> --out <zip> [--version <v>]");
            return 2;
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "keygen" -> keygen(Path.of(required(options, "key")), out);
            case "build" -> build(options, out);
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "' (keygen, build)");
        }
        return 0;
    }

    private static void keygen(Path key, PrintStream out) throws IOException, GeneralSecurityException {
        if (Files.exists(key)) {
            throw new IllegalArgumentException(key + " exists; refusing to overwrite a publisher key");
        }
        KeyPair pair = KeyPairGenerator.getInstance(PublisherKeys.ALGORITHM).generateKeyPair();
        PrivateKeyFile.write(pair.getPrivate(), key, passphrase(true));
        Path pub = Path.of(key + ".pub");
        Files.writeString(pub, PublisherKeys.text(pair.getPublic()) + "\n");
        out.println("private key (encrypted, 0600): " + key);
        out.println("public key: " + pub);
        out.println("key id:     " + PublisherKeys.id(pair.getPublic()));
        out.println("trust it on a peer: trustedPublishers = " + PublisherKeys.text(pair.getPublic()));
    }

    private static void build(Map<String, String> options, PrintStream out) throws IOException,
            GeneralSecurityException {
        Path featuresFile = Path.of(required(options, "features"));
        Path repository = Path.of(required(options, "repository"));
        Path key = Path.of(required(options, "key"));
        Path archive = Path.of(required(options, "out"));
        byte[] xml = Files.readAllBytes(featuresFile);
        FeaturesXml features = FeaturesXml.parse(xml);
        String version = options.getOrDefault("version", features.features().get("peeros"));
        if (version == null) {
            throw new IllegalArgumentException(featuresFile + " has no feature 'peeros'; give --version");
        }
        Map<String, Path> jars = new TreeMap<>();
        for (String[] artifact : features.peerosBundles().values()) {
            String path = ArchiveLayout.jarPath("io.peeros", artifact[0], artifact[1]);
            Path jar = repository.resolve(path.substring(ArchiveLayout.REPOSITORY.length()));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("the features name mvn:io.peeros/" + artifact[0] + "/" + artifact[1]
                        + " but " + jar + " does not exist");
            }
            jars.put(path, jar);
        }
        PrivateKey privateKey = PrivateKeyFile.read(key, passphrase(false));
        PublicKey publicKey = publicKey(Path.of(key + ".pub"));
        UpgradeManifest manifest = ArchiveWriter.write(archive, version, xml, jars, privateKey, publicKey);
        out.println("wrote " + archive + ": PeerOS " + version + ", " + jars.size() + " bundles, signed by "
                + manifest.publisher());
    }

    private static PublicKey publicKey(Path file) throws IOException, GeneralSecurityException {
        PublicKey key = PublisherKeys.parse(Files.readString(file), file.toString());
        return KeyFactory.getInstance(PublisherKeys.ALGORITHM).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    private static char[] passphrase(boolean twice) {
        String env = System.getenv("PEEROS_PUBLISHER_PASSPHRASE");
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask the key passphrase: set PEEROS_PUBLISHER_PASSPHRASE");
        }
        char[] first = console.readPassword("publisher key passphrase: ");
        if (twice && !java.util.Arrays.equals(first, console.readPassword("again: "))) {
            throw new IllegalArgumentException("the passphrases differ");
        }
        if (first.length < 8) {
            throw new IllegalArgumentException("the passphrase must have at least 8 characters");
        }
        return first;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
