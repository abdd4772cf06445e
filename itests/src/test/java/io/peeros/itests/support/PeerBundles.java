package io.peeros.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A peer's PeerOS bundles as its shell shows them: which are installed, which DS services they provide, and a
 * "rebuilt" jar of one (the same code under a manifest with one more header, so the framework sees a new jar).
 */
public final class PeerBundles {

    private static final Pattern BUNDLE_LINE = Pattern.compile(
            "^\\s*(\\d+)[\\s|]+(\\w+)[\\s|]+\\d+[\\s|]+\\S+[\\s|]+(io\\.peeros\\.\\S+)\\s*$");

    /** One installed bundle. */
    public record Bundle(long id, String symbolicName, String state) {
    }

    private PeerBundles() {
    }

    /**
     * Every installed {@code io.peeros.*} bundle, by id; {@link #implementations} picks those that are not API
     * bundles (so a bundle added later is covered without naming it).
     */
    public static List<Bundle> all(PeerProcess peer) {
        return parse(peer.shell("bundle:list -s --no-format"));
    }

    /** The implementation bundles: {@code io.peeros.*} and not {@code *.api}. */
    public static List<Bundle> implementations(PeerProcess peer) {
        return all(peer).stream().filter(b -> !b.symbolicName().endsWith(".api")).toList();
    }

    static List<Bundle> parse(String bundleList) {
        return bundleList.lines().map(BUNDLE_LINE::matcher).filter(Matcher::matches)
                .map(m -> new Bundle(Long.parseLong(m.group(1)), m.group(3), m.group(2))).toList();
    }

    /**
     * The DS components with a service in the output of {@link #servicesCommand}, as
     * {@code component.name -> service ids}: a component deactivated and activated again has new service ids.
     */
    public static Map<String, String> services(String bundleServicesOutput) {
        Map<String, String> services = new TreeMap<>();
        for (String block : bundleServicesOutput.split("\n-+\n|provides:\n")) {
            Matcher name = Pattern.compile("(?m)^component\\.name = (\\S+)").matcher(block);
            Matcher id = Pattern.compile("(?m)^service\\.id = (\\d+)").matcher(block);
            if (name.find() && id.find()) {
                services.merge(name.group(1), id.group(1), (a, b) -> a + "," + b);
            }
        }
        return services;
    }

    /** The shell command that lists the services of {@code bundles} (see {@link #services(String)}). */
    public static String servicesCommand(Collection<Bundle> bundles) {
        return "bundle:services -p " + bundles.stream().map(b -> Long.toString(b.id()))
                .collect(Collectors.joining(" "));
    }

    /**
     * Copies the bundle's jar from the distribution's {@code system/} repository and stamps its manifest with
     * {@code PeerOS-Rebuild: <stamp>}: a different jar with the same code. Written under the peer's home.
     */
    public static Path rebuild(PeerProcess peer, String symbolicName, String stamp) {
        Path dir = peer.home().resolve("system/io/peeros").resolve(symbolicName);
        try (Stream<Path> files = Files.walk(dir)) {
            Path jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar of " + symbolicName + " under " + dir));
            Path out = peer.home().resolve("rebuilt").resolve(symbolicName + "-" + stamp + ".jar");
            Files.createDirectories(out.getParent());
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                Manifest manifest = new Manifest(in.getManifest());
                manifest.getMainAttributes().put(new Attributes.Name("PeerOS-Rebuild"), stamp);
                try (JarOutputStream target = new JarOutputStream(Files.newOutputStream(out), manifest)) {
                    copyEntries(in, target);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyEntries(JarInputStream in, JarOutputStream out) throws IOException {
        for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
            out.putNextEntry(new JarEntry(entry.getName()));
            ((InputStream) in).transferTo(out);
            out.closeEntry();
        }
    }
}
