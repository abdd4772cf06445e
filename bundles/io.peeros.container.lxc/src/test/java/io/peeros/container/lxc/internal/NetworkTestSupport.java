package io.peeros.container.lxc.internal;

import static org.junit.Assume.assumeTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * Base of the tests of the peer's network: per test class its own bridge ({@code tnbr<id>}), nftables table
 * ({@code tn<id>}), a free /24 of 10.250.0.0/16 and state directory, and a manager {@link #net} on them.
 * Names are {@code tn-<id>-<n>-<purpose>}. Containers are destroyed after each test, the bridge and table
 * after the class, pass or fail. Traffic stays between the host and the test's own containers.
 */
public abstract class NetworkTestSupport extends LxcTestSupport {

    protected static String id;
    protected static String bridge;
    protected static String table;
    protected static String subnet;
    protected static Path stateDir;
    protected static HostNetwork network;
    protected static LxcContainerManager net;
    private static int counter;

    @BeforeClass
    public static void setUpNetwork() throws Exception {
        assumeTrue("nftables not installed", Files.isExecutable(Path.of("/usr/sbin/nft")));
        assumeTrue("iproute2 not installed", Files.isExecutable(Path.of("/usr/sbin/ip")));
        Random random = new Random();
        id = Long.toString(random.nextInt(36 * 36 * 36 * 36), 36);
        bridge = "tnbr" + id;
        table = "tn" + id;
        stateDir = work.resolve("network");
        for (int attempt = 0; network == null; attempt++) {
            subnet = "10.250." + random.nextInt(256) + ".0/24";
            try {
                network = newNetwork(Map.of());
            } catch (ContainerException e) {
                if (attempt > 20 || !e.getMessage().contains("overlaps")) {
                    throw e;
                }
            }
        }
        net = newNetworkedManager(Map.of());
    }

    /** A host network on this class's bridge, table, subnet and state, with {@code overrides}. */
    protected static HostNetwork newNetwork(Map<String, Object> overrides) throws IOException {
        Map<String, Object> config = new HashMap<>(Map.of("bridgeName", bridge, "subnet", subnet, "nftTable", table,
                "stateDirectory", stateDir.toString()));
        config.putAll(overrides);
        return new HostNetwork(TestConfig.of(HostNetwork.Config.class, config));
    }

    /** A manager on this class's LXC path and {@link #network}. */
    protected static LxcContainerManager newNetworkedManager(Map<String, Object> overrides) throws Exception {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put("lxcPath", lxcPath.toString());
        return new LxcContainerManager(TestConfig.of(config), network);
    }

    protected static String tn(String purpose) {
        return "tn-" + id + "-" + (++counter) + "-" + purpose;
    }

    /** Destroys through the networked manager, so leases and mappings go too; clones before their sources. */
    @After
    public void destroyNetworked() throws Exception {
        for (int pass = 0; pass < 5 && !containerDirs().isEmpty(); pass++) {
            for (Path dir : containerDirs()) {
                try {
                    net.destroy(dir.getFileName().toString());
                } catch (RuntimeException e) {
                    LOG.debug("cleanup pass {}: {}", pass, e.getMessage());
                }
            }
        }
    }

    @AfterClass
    public static void tearDownNetwork() {
        if (net != null) {
            net.deactivate();
        }
        if (network != null) {
            network.teardown();
            network.deactivate();
        }
        net = null;
        network = null;
    }

    /** Runs a host command and returns its output; fails on a non-zero exit. */
    protected static String host(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    protected static String nftTable() throws IOException, InterruptedException {
        return host("nft", "list", "table", "inet", table);
    }

    protected static boolean tableExists() throws InterruptedException, IOException {
        Process p = new ProcessBuilder("nft", "list", "table", "inet", table).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue() == 0;
    }

    protected static boolean bridgeExists() {
        return Files.isDirectory(Path.of("/sys/class/net", bridge, "bridge"));
    }
}
