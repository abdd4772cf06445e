package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.PortMapping;
import io.peeros.container.lxc.internal.network.HostNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/** The bridge and the nftables table: made at activation, idempotent, left in place at deactivation. */
public class HostNetworkTest extends NetworkTestSupport {

    @Test
    public void activationMakesTheBridgeAndTheTableAndCanBeRepeated() throws Exception {
        // given the network of this class, activated in setUp
        String gateway = subnet.replace(".0/24", ".1/24");
        assertTrue(bridgeExists());
        String addr = host("ip", "-4", "-o", "addr", "show", "dev", bridge);
        assertTrue(addr, addr.contains("inet " + gateway + " brd " + subnet.replace(".0/24", ".255")));
        assertTrue(host("ip", "-o", "link", "show", "dev", bridge).contains(",UP"));
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet")).strip());
        String rules = nftTable();
        assertTrue(rules, rules.contains("ip saddr " + subnet + " ip daddr != " + subnet));
        assertTrue(rules, rules.contains("masquerade"));

        // when it is activated again (a restart of the peer) and then deactivated
        HostNetwork again = newNetwork(Map.of());
        again.deactivate();

        // then nothing is doubled and everything stays
        assertEquals(addr, host("ip", "-4", "-o", "addr", "show", "dev", bridge));
        assertEquals(rules, nftTable());
        assertTrue(bridgeExists());
        assertTrue(Files.isRegularFile(stateDir.resolve("rules.nft")));
    }

    @Test
    public void aSubnetOverlappingAnotherInterfaceIsRefusedAndNothingIsMade() throws Exception {
        String other = "tnbx" + id;
        try {
            new HostNetwork(TestConfig.of(HostNetwork.Config.class, Map.of("bridgeName", other, "subnet", subnet,
                    "nftTable", "tnx" + id, "stateDirectory", work.resolve("other").toString())));
            fail("accepted a subnet that " + bridge + " has");
        } catch (ContainerException e) {
            assertEquals(ContainerException.NETWORK_FAILURE, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("overlaps the route") && e.getMessage().contains(bridge)
                    && e.getMessage().contains(HostNetwork.PID));
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", other)));
    }

    @Test
    public void badConfigurationIsRefusedWithTheProperty() throws Exception {
        Map<String, String> bad = Map.of("bridgeName", "a-name-longer-than-15", "subnet", "10.250.0.1/24", "nftTable",
                "1table");
        bad.forEach((key, value) -> {
            try {
                newNetwork(Map.of(key, value));
                fail("accepted " + key + "=" + value);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains(key));
            } catch (Exception e) {
                throw new AssertionError(key + ": " + e, e);
            }
        });
    }

    @Test
    public void teardownRemovesTheBridgeAndTheTable() throws Exception {
        String b = "tnbt" + id;
        String t = "tnt" + id;
        String s = subnet.replace("10.250.", "10.249.");
        HostNetwork extra = new HostNetwork(TestConfig.of(HostNetwork.Config.class, Map.of("bridgeName", b, "subnet", s,
                "nftTable", t, "stateDirectory", work.resolve("teardown").toString())));
        try {
            assertTrue(Files.isDirectory(Path.of("/sys/class/net", b, "bridge")));
            assertTrue(host("nft", "list", "tables").contains("table inet " + t));
        } finally {
            extra.teardown();
            extra.deactivate();
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", b)));
        assertFalse(host("nft", "list", "tables").contains("table inet " + t + "\n"));
    }

    @Test
    public void aManagerWithoutNetworkCannotMapPorts() throws Exception {
        String n = tn("nonet");
        manager.create(n, busybox);
        expect(ContainerException.INVALID_STATE, () -> manager.mapPort(n, PortMapping.Protocol.TCP, 18080, 80));
        manager.destroy(n);
    }
}
