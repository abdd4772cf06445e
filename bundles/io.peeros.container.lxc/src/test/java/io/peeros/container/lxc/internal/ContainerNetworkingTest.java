package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Template;
import io.peeros.container.lxc.internal.network.Lease;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

/**
 * Addresses assigned by the peer: a lease per container written into its LXC config at create and clone,
 * the same after a stop and start, given back at destroy. Two busybox containers on the bridge reach the
 * gateway but, isolated by default, not each other ({@link IsolationTest}).
 */
public class ContainerNetworkingTest extends NetworkTestSupport {

    @Test
    public void containersGetLeasedAddressesAndReachEachOtherAndTheGateway() throws Exception {
        // given a container created from the template (whose own network is "empty") and a clone of it
        String a = tn("a");
        String b = tn("b");
        net.create(a, busybox);
        net.clone(a, b);
        Lease la = network.lease(a).orElseThrow();
        Lease lb = network.lease(b).orElseThrow();
        String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
        assertEquals(prefix + "2", la.dotted());
        assertEquals(prefix + "3", lb.dotted());
        String config = Files.readString(lxcPath.resolve(a).resolve("config"));
        assertFalse(config, config.contains("lxc.net.0.type = empty"));
        assertTrue(config, config.contains("lxc.net.0.link = " + bridge + "\n"));
        assertTrue(config, config.contains("lxc.net.0.ipv4.address = " + prefix + "2/24 " + prefix + "255\n"));
        assertTrue(config, config.contains("lxc.net.0.ipv4.gateway = " + prefix + "1\n"));
        assertTrue(config, config.contains("lxc.net.0.hwaddr = " + la.hwaddr() + "\n"));
        String cloneConfig = Files.readString(lxcPath.resolve(b).resolve("config"));
        assertTrue(cloneConfig, cloneConfig.contains("lxc.net.0.ipv4.address = " + prefix + "3/24"));
        assertTrue(cloneConfig, cloneConfig.contains("lxc.net.0.hwaddr = " + lb.hwaddr() + "\n"));
        assertEquals(1, cloneConfig.split("lxc.net.0.hwaddr").length - 1);

        // when both run
        ContainerInfo ia = net.start(a);
        ContainerInfo ib = net.start(b);
        untilExecAnswers(a);
        untilExecAnswers(b);

        // then info shows the leased addresses, and they reach the host's gateway but not each other
        assertEquals(List.of(InetAddress.getByName(la.dotted())), ia.addresses());
        assertEquals(List.of(InetAddress.getByName(lb.dotted())), ib.addresses());
        assertEquals(la.hwaddr() + "\n", net.exec(a, ExecRequest.of("cat", "/sys/class/net/eth0/address")).stdout());
        assertEquals(1, net.exec(a, ExecRequest.of("ping", "-c", "1", "-W", "1", lb.dotted())).exitCode());
        assertPing(a, prefix + "1");
        assertPing(b, prefix + "1");

        // and the address is the container's for its life: the same after a stop and start
        net.stop(b, Duration.ofSeconds(5));
        assertEquals(List.of(InetAddress.getByName(lb.dotted())), net.start(b).addresses());

        // and destroy gives it back: the next container takes it, with the same MAC
        net.destroy(b);
        assertTrue(network.lease(b).isEmpty());
        assertFalse(Files.readString(stateDir.resolve("state")).contains(" " + b + " "));
        String c = tn("c");
        net.create(c, busybox);
        assertEquals(lb.dotted(), network.lease(c).orElseThrow().dotted());
        assertEquals(lb.hwaddr(), network.lease(c).orElseThrow().hwaddr());
    }

    @Test
    public void aFailedCreateOrCloneGivesTheAddressBack() throws Exception {
        Template unknownKey = BusyboxTemplate.build(work.resolve("templates/bad-" + id), "bad",
                "lxc.no.such.key = 1\n");
        String n = tn("bad");
        expect(ContainerException.INVALID_TEMPLATE, () -> net.create(n, unknownKey));
        assertTrue(network.lease(n).isEmpty());

        String src = tn("src");
        net.create(src, busybox);
        net.start(src);
        expect(ContainerException.INVALID_STATE, () -> net.clone(src, tn("clone")));
        long leases = Files.readString(stateDir.resolve("state")).lines().filter(l -> l.startsWith("lease ")).count();
        assertEquals("only " + src + " holds a lease", 1, leases);
    }

    private static void assertPing(String from, String to) {
        ExecResult r = net.exec(from, ExecRequest.of("ping", "-c", "1", "-W", "2", to));
        assertEquals(from + " -> " + to + ": " + r.stdout() + r.stderr(), 0, r.exitCode());
    }
}
