package io.peeros.itests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hosts for multi-peer tests: one network namespace per host, each linked by a veth pair to a bridge that
 * lives in a namespace of its own, so test traffic never touches the machine's real interfaces. Addresses
 * are 10.213.0.(i+1)/24. {@link #close} removes every namespace (their links go with them).
 */
public final class TestNetwork implements AutoCloseable {

    private static final String SUBNET = "10.213.0.";

    private final String tag;
    private final String switchNamespace;
    private final List<String> hosts = new ArrayList<>();

    private TestNetwork(String tag) {
        this.tag = tag;
        this.switchNamespace = "pos-" + tag + "-sw";
    }

    /** Creates {@code count} hosts on one bridge. */
    public static TestNetwork create(int count) {
        TestNetwork network = new TestNetwork(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff)));
        try {
            network.createSwitch();
            for (int i = 0; i < count; i++) {
                network.addHost(i);
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void createSwitch() {
        Processes.check("ip", "netns", "add", switchNamespace);
        Processes.check("ip", "-n", switchNamespace, "link", "add", "br0", "type", "bridge");
        Processes.check("ip", "-n", switchNamespace, "link", "set", "br0", "up");
    }

    private void addHost(int index) {
        String ns = "pos-" + tag + "-h" + index;
        String outside = "v" + tag + "h" + index;
        Processes.check("ip", "netns", "add", ns);
        hosts.add(ns);
        Processes.check("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Processes.check("ip", "link", "set", outside, "netns", switchNamespace);
        Processes.check("ip", "-n", switchNamespace, "link", "set", outside, "master", "br0", "up");
        Processes.check("ip", "-n", ns, "addr", "add", address(index) + "/24", "dev", "eth0");
        Processes.check("ip", "-n", ns, "link", "set", "eth0", "up");
        Processes.check("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** The namespace of host {@code index}. */
    public String namespace(int index) {
        return hosts.get(index);
    }

    /** The address of host {@code index}. */
    public String address(int index) {
        return SUBNET + (index + 1);
    }

    @Override
    public void close() {
        for (String ns : hosts) {
            Processes.run(List.of("ip", "netns", "del", ns), java.util.Map.of(), null, java.time.Duration.ofSeconds(10));
        }
        Processes.run(List.of("ip", "netns", "del", switchNamespace), java.util.Map.of(), null,
                java.time.Duration.ofSeconds(10));
    }
}
