package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * Containers joining environment bridges: attached while stopped or hot-plugged while running, reaching each
 * other over the bridge, keeping the attachment over restarts, leaving nothing behind when detached or refused;
 * and the peer never routing between two environment bridges or between one and its own bridge. Each test makes
 * its own bridges ({@code te<id>x<n>}, removed after it) and subnets of 10.248.0.0/16.
 */
public class AttachmentTest extends NetworkTestSupport {

    private static final Random RANDOM = new Random();
    private final List<String> bridges = new ArrayList<>();

    @Test
    public void attachedContainersReachEachOtherOnTheBridgeAndKeepTheirAttachment() throws Exception {
        // given an environment bridge and two containers on it: a attached while stopped, b while running
        String env = testBridge();
        String net24 = freeNet();
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.create(b, busybox);
        ContainerInfo ia = net.attach(a, NetworkAttachment.of(env, net24 + "2/24").withMtu(1400));
        assertEquals(Map.of("eth1", NetworkAttachment.of(env, net24 + "2/24").withMtu(1400)), ia.attachments());
        String config = Files.readString(lxcPath.resolve(a).resolve("config"));
        assertTrue(config, config.contains("lxc.net.1.link = " + env + "\n"));
        assertTrue(config, config.contains("lxc.net.1.ipv4.address = " + net24 + "2/24 " + net24 + "255\n"));
        net.start(a);
        net.start(b);
        untilExecAnswers(a);
        untilExecAnswers(b);
        ContainerInfo ib = net.attach(b, NetworkAttachment.of(env, net24 + "3/24").withMac("0a:5e:00:00:00:33")
                .withMtu(1400));
        assertEquals(env, ib.attachments().get("eth1").bridge());

        // then both have eth1 as asked, and they reach each other over the bridge
        assertEquals(NetworkAttachment.defaultMac(net24 + "2") + "\n", sh(a, "cat /sys/class/net/eth1/address"));
        assertEquals("0a:5e:00:00:00:33\n", sh(b, "cat /sys/class/net/eth1/address"));
        assertEquals("1400\n", sh(b, "cat /sys/class/net/eth1/mtu"));
        assertTrue(sh(b, "ip -4 addr show eth1").contains(net24 + "3/24"));
        assertPing(a, net24 + "3");
        assertPing(b, net24 + "2");
        assertTrue(net.info(b).addresses().toString(), net.info(b).addresses().toString().contains(net24 + "3"));

        // and the attachments survive restarts: of the container, stop and start, and of the peer's components
        net.restart(a);
        net.stop(b, Duration.ofSeconds(5));
        net.start(b);
        untilExecAnswers(a);
        untilExecAnswers(b);
        assertPing(a, net24 + "3");
        assertEquals("0a:5e:00:00:00:33\n", sh(b, "cat /sys/class/net/eth1/address"));
        HostNetwork again = newNetwork(Map.of());
        try {
            assertTrue(nftTable(), nftTable().contains("iifname \"" + env + "\" oifname != \"" + env + "\" drop"));
            LxcContainerManager restarted = newNetworkedManager(Map.of("autostart", false));
            assertEquals(ia.attachments(), restarted.info(a).attachments());
            restarted.deactivate();
        } finally {
            again.deactivate();
        }

        // when b is detached while running and a while stopped
        assertEquals(2, ports(env).size());
        assertTrue(net.detach(b, env).attachments().isEmpty());
        assertEquals(1, ports(env).size());
        net.stop(a, Duration.ofSeconds(5));
        assertTrue(net.detach(a, env).attachments().isEmpty());

        // then no veth, no interface, no config line is left, and a starts without eth1
        assertEquals(List.of(), ports(env));
        assertNotEquals(0, net.exec(b, ExecRequest.of("cat", "/sys/class/net/eth1/address")).exitCode());
        assertFalse(Files.readString(lxcPath.resolve(a).resolve("config")).contains("lxc.net.1"));
        assertFalse(Files.readString(lxcPath.resolve(b).resolve("config")).contains("lxc.net.1"));
        assertTrue(hotPlugged().isEmpty());
        net.start(a);
        untilExecAnswers(a);
        assertNotEquals(0, net.exec(a, ExecRequest.of("cat", "/sys/class/net/eth1/address")).exitCode());
        refused(ContainerException.NOT_FOUND, () -> net.detach(a, env));
    }

    @Test
    public void badAttachmentsAreRefusedAndLeaveNothingBehind() throws Exception {
        String env = testBridge();
        String net24 = freeNet();
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.create(b, busybox);
        net.start(b);
        untilExecAnswers(b);
        net.attach(b, NetworkAttachment.of(env, net24 + "3/24"));
        String configA = Files.readString(lxcPath.resolve(a).resolve("config"));
        String configB = Files.readString(lxcPath.resolve(b).resolve("config"));
        List<String> veths = allPorts();
        String links = host("ip", "-o", "link", "show");

        // a bridge that does not exist, or is not a bridge, or is the peer's own
        String missing = "te" + id + "nope";
        ContainerException e = refused(ContainerException.INVALID_REQUEST,
                () -> net.attach(b, NetworkAttachment.of(missing, net24 + "4/24")));
        assertTrue(e.getMessage(), e.getMessage().contains(missing));
        refused(ContainerException.INVALID_REQUEST, () -> net.attach(a, NetworkAttachment.of("lo", net24 + "4/24")));
        e = refused(ContainerException.INVALID_REQUEST, () -> net.attach(a, NetworkAttachment.of(bridge,
                net24 + "4/24")));
        assertTrue(e.getMessage(), e.getMessage().contains("peer's own bridge"));
        // a malformed address never gets to the manager
        refused(ContainerException.INVALID_REQUEST, () -> net.attach(a, NetworkAttachment.of(env, "10.248.1.300/24")));
        refused(ContainerException.INVALID_REQUEST, () -> net.attach(a, NetworkAttachment.of(env, net24 + "4")));
        // the same bridge twice, stopped and running
        net.attach(a, NetworkAttachment.of(env, net24 + "2/24"));
        configA = Files.readString(lxcPath.resolve(a).resolve("config"));
        e = refused(ContainerException.INVALID_REQUEST, () -> net.attach(a, NetworkAttachment.of(env, net24 + "5/24")));
        assertTrue(e.getMessage(), e.getMessage().contains("already attached to " + env));
        refused(ContainerException.INVALID_REQUEST, () -> net.attach(b, NetworkAttachment.of(env, net24 + "6/24")));
        // an address another container has on that bridge
        String c = tn("c");
        net.create(c, busybox);
        e = refused(ContainerException.INVALID_REQUEST, () -> net.attach(c, NetworkAttachment.of(env, net24 + "3/24")));
        assertTrue(e.getMessage(), e.getMessage().contains("taken by container " + b));
        // a manager without a host network
        refused(ContainerException.INVALID_STATE, () -> manager.attach(c, NetworkAttachment.of(env, net24 + "7/24")));
        // an unknown container
        refused(ContainerException.NOT_FOUND, () -> net.attach(tn("ghost"), NetworkAttachment.of(env, net24 + "8/24")));

        assertEquals(configA, Files.readString(lxcPath.resolve(a).resolve("config")));
        assertEquals(configB, Files.readString(lxcPath.resolve(b).resolve("config")));
        assertFalse(Files.readString(lxcPath.resolve(c).resolve("config")).contains("lxc.net.1"));
        assertEquals(veths, allPorts());
        assertEquals(1, sh(b, "ls /sys/class/net").lines().filter(l -> l.startsWith("eth1")).count());
        assertEquals(links.lines().count(), host("ip", "-o", "link", "show").lines().count());

        // a hot-plug that fails (the name eth2 is taken inside the container) undoes the rules too
        String other = testBridge();
        host("nsenter", "-t", Integer.toString(net.info(b).pid()), "-n", "ip", "link", "add", "eth2", "type", "veth",
                "peer", "name", "squat2");
        ContainerException failed = refused(ContainerException.NETWORK_FAILURE, () -> net.attach(b,
                NetworkAttachment.of(other, net24 + "10/24")));
        assertTrue(failed.getMessage(), failed.getMessage().contains("eth2"));
        assertEquals(configB, Files.readString(lxcPath.resolve(b).resolve("config")));
        assertEquals(Set.of(env), network.environment(b));
        assertFalse(nftTable().contains(other));
        assertEquals(List.of(), ports(other));
        assertEquals(veths, allPorts());
        assertEquals("", sh(b, "ip link del eth2"));

        // at most four: the fifth is refused, running or not, and leaves nothing
        for (int i = 2; i <= 4; i++) {
            String more = testBridge();
            net.attach(b, NetworkAttachment.of(more, freeNet() + "2/24"));
        }
        assertEquals(List.of("eth1", "eth2", "eth3", "eth4"), List.copyOf(net.info(b).attachments().keySet()));
        assertEquals(4, sh(b, "ls /sys/class/net").lines().filter(l -> l.startsWith("eth")
                && !l.equals("eth0")).count());
        String fifth = testBridge();
        configB = Files.readString(lxcPath.resolve(b).resolve("config"));
        veths = allPorts();
        e = refused(ContainerException.INVALID_REQUEST, () -> net.attach(b, NetworkAttachment.of(fifth,
                net24 + "9/24")));
        assertTrue(e.getMessage(), e.getMessage().contains("4 attachments"));
        assertEquals(configB, Files.readString(lxcPath.resolve(b).resolve("config")));
        assertEquals(veths, allPorts());
        assertFalse(sh(b, "ls /sys/class/net").contains("eth5"));
    }

    @Test
    public void thePeerRoutesNothingBetweenEnvironmentsNorIntoItsOwnBridge() throws Exception {
        // given two environment bridges on which the host has an address, so that it could route between them
        String x = testBridge();
        String y = testBridge();
        String netX = freeNet();
        String netY = freeNet();
        host("ip", "addr", "add", netX + "1/24", "dev", x);
        host("ip", "addr", "add", netY + "1/24", "dev", y);
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.create(b, busybox);
        net.start(a);
        net.start(b);
        untilExecAnswers(a);
        untilExecAnswers(b);
        net.attach(a, NetworkAttachment.of(x, netX + "2/24"));
        net.attach(b, NetworkAttachment.of(y, netY + "2/24"));
        String rules = nftTable();
        assertTrue(rules, rules.contains("oifname \"" + y + "\" iifname != \"" + y + "\" drop"));

        // then each reaches the host on its own bridge
        assertPing(a, netX + "1");
        assertPing(b, netY + "1");
        assertTrue(pings(null, netX + "2"));

        // but not the other environment: neither through the peer's bridge (its default route) nor through its
        // environment bridge with the host as a router
        assertFalse(pings(a, netY + "2"));
        assertEquals("", sh(a, "ip route add " + netY + "0/24 via " + netX + "1"));
        assertFalse(pings(a, netY + "2"));

        // and it is the peer's rules that stop it: without them the host routes a's packets to b
        host("nft", "flush", "chain", "inet", table, "forward");
        try {
            assertEquals("", sh(a, "ip route del " + netY + "0/24"));
            assertTrue("without the forward chain the host routes peer bridge -> " + y, pings(a, netY + "2"));
        } finally {
            newNetwork(Map.of()).deactivate();
        }
        assertFalse(pings(a, netY + "2"));
    }

    @Test
    public void aContainerWhoseBridgeIsGoneDoesNotStartUntilDetached() throws Exception {
        String env = testBridge();
        String a = tn("a");
        net.create(a, busybox);
        net.attach(a, NetworkAttachment.of(env, freeNet() + "2/24"));
        host("ip", "link", "del", env);
        ContainerException e = refused(ContainerException.INVALID_STATE, () -> net.start(a));
        assertTrue(e.getMessage(), e.getMessage().contains(env + " (eth1)"));
        assertEquals(Map.of(), net.detach(a, env).attachments());
        net.start(a);
        untilExecAnswers(a);
    }

    @After
    public void removeBridges() throws Exception {
        for (String b : bridges) {
            if (Files.exists(Path.of("/sys/class/net", b))) {
                host("ip", "link", "del", b);
            }
        }
        bridges.clear();
    }

    private String testBridge() throws IOException, InterruptedException {
        String name = "te" + id + "x" + bridges.size();
        host("ip", "link", "add", "name", name, "type", "bridge");
        bridges.add(name);
        host("ip", "link", "set", name, "up");
        return name;
    }

    /** {@code 10.248.N.} for an N no route of the host covers. */
    private static String freeNet() throws IOException, InterruptedException {
        String routes = host("ip", "-4", "route", "show");
        while (true) {
            String prefix = "10.248." + RANDOM.nextInt(256) + ".";
            if (!routes.contains(prefix + "0/24")) {
                return prefix;
            }
        }
    }

    /** The ports of {@code bridge} (the host ends of the veths plugged into it), sorted. */
    private static List<String> ports(String bridge) throws IOException {
        try (Stream<Path> all = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The ports of every test bridge of this test. */
    private List<String> allPorts() throws IOException {
        List<String> all = new ArrayList<>();
        for (String b : bridges) {
            all.addAll(ports(b));
        }
        return all;
    }

    /** The host ends of hot-plugged attachments ({@code vp<hex>a<n>}) that exist now, sorted. */
    private static List<String> hotPlugged() throws IOException {
        try (Stream<Path> all = Files.list(Path.of("/sys/class/net"))) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.matches("vp[0-9a-f]{8}a[0-9]")).sorted()
                    .toList();
        }
    }

    private static ContainerException refused(String code, Runnable r) {
        try {
            r.run();
        } catch (ContainerException e) {
            assertEquals(e.getMessage(), code, e.code());
            return e;
        }
        throw new AssertionError("expected " + code);
    }

    private static String sh(String container, String command) {
        ExecResult r = net.exec(container, ExecRequest.of("/bin/sh", "-c", command));
        assertEquals(command + ": " + r.stderr(), 0, r.exitCode());
        return r.stdout();
    }

    private static void assertPing(String from, String to) throws Exception {
        assertTrue(from + " -> " + to, pings(from, to));
    }

    /** Whether {@code from} (a container, or the host for null) gets an answer from {@code to} within 2 s. */
    private static boolean pings(String from, String to) throws Exception {
        if (from == null) {
            Process p = new ProcessBuilder("ping", "-c", "1", "-W", "2", to).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        return net.exec(from, ExecRequest.of("ping", "-c", "2", "-W", "1", to)).exitCode() == 0;
    }
}
