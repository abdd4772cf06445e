package io.peeros.container.lxc.internal.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import java.nio.file.Path;
import java.util.Set;
import org.junit.Test;

/** The nftables ruleset and the overlap check, as text, without touching the host. */
public class RenderedRulesTest {

    private static final NetworkSettings SETTINGS = new NetworkSettings("peeros0", Ipv4Subnet.parse("10.251.0.0/16"),
            "peeros", Path.of("/var/lib/peeros/network"), true, true);

    @Test
    public void theRulesetReplacesTheTableWholeAndMapsEachPort() {
        NetworkState state = NetworkState.EMPTY.withLease(new Lease("web", Ipv4Subnet.parseAddress("10.251.0.2"), "/l"))
                .withPort(new PortMapping("web", Protocol.TCP, 8080, 80))
                .withPort(new PortMapping("web", Protocol.UDP, 5353, 53));
        String rules = new NftRules(null, SETTINGS).render(state);
        assertTrue(rules, rules.contains("table inet peeros {}\ndelete table inet peeros\ntable inet peeros {\n"));
        assertTrue(rules, rules.contains("\t\ttcp dport 8080 dnat ip to 10.251.0.2:80 comment \"web\"\n"));
        assertTrue(rules, rules.contains("\t\tudp dport 5353 dnat ip to 10.251.0.2:53 comment \"web\"\n"));
        assertTrue(rules, rules.contains("meta nfproto ipv4 fib daddr type local jump ports"));
        assertTrue(rules, rules.contains("oifname \"peeros0\" ip saddr 127.0.0.0/8 masquerade"));
        assertTrue(rules, rules.contains("ip saddr 10.251.0.0/16 ip daddr != 10.251.0.0/16 oifname != \"peeros0\" "
                + "masquerade"));
        NetworkSettings noNat = new NetworkSettings("peeros0", SETTINGS.subnet(), "peeros", SETTINGS.stateDir(),
                false, true);
        assertFalse(new NftRules(null, noNat).render(state).contains("other networks"));
    }

    @Test
    public void environmentBridgesAreKeptApartFromEveryOtherInterface() {
        String none = new NftRules(null, SETTINGS).render(NetworkState.EMPTY);
        assertTrue(none, none.contains("\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n"
                + "\t}\n"));
        String rules = new NftRules(null, SETTINGS).render(NetworkState.EMPTY
                .withBridges("a", Set.of("pe-1", "peeros0")).withBridges("b", Set.of("pe-2")));
        for (String env : new String[] {"pe-1", "pe-2"}) {
            assertTrue(rules, rules.contains("iifname \"" + env + "\" oifname != \"" + env + "\" drop"));
            assertTrue(rules, rules.contains("oifname \"" + env + "\" iifname != \"" + env + "\" drop"));
        }
        assertFalse("the peer's own bridge is never an environment", rules.contains("iifname \"peeros0\" oifname !="));
    }

    @Test
    public void isolatedContainersHaveABridgeTableAndOthersNone() {
        String rules = new NftRules(null, SETTINGS).render(NetworkState.EMPTY);
        int group = PortIsolation.group("peeros0");
        assertTrue(rules, rules.contains("table bridge peeros {}\ndelete table bridge peeros\ntable bridge peeros {\n"));
        assertTrue(rules, rules.contains("\t\tmeta mark & 0x00100000 == 0x00100000 accept"));
        assertTrue(rules, rules.contains("\t\tiifgroup " + group + " oifgroup " + group + " drop"));
        assertTrue(rules, rules.contains("iifname \"peeros0\" ct status dnat meta mark set meta mark | 0x00100000"));
        NetworkSettings open = new NetworkSettings("peeros0", SETTINGS.subnet(), "peeros", SETTINGS.stateDir(), true,
                false);
        String off = new NftRules(null, open).render(NetworkState.EMPTY);
        assertTrue(off, off.endsWith("table bridge peeros {}\ndelete table bridge peeros\n"));
        assertFalse(off, off.contains("meta mark"));
    }

    @Test
    public void aSubnetOverlappingAnotherInterfacesRouteIsRefused() {
        Bridge bridge = new Bridge(null, SETTINGS);
        String routes = """
                default via 192.0.2.1 dev eth0 onlink
                192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
                10.251.0.0/16 dev peeros0 proto kernel scope link src 10.251.0.1
                blackhole 10.252.0.0/16
                """;
        bridge.refuseOverlaps(routes);
        for (String conflict : new String[] {"10.251.3.0/24 dev eth1 scope link", "10.0.0.0/8 via 192.0.2.9 dev eth0",
            "unreachable 10.251.9.9", "10.251.0.0/16 dev lxcbr0 proto kernel"}) {
            try {
                bridge.refuseOverlaps(routes + conflict + "\n");
                fail("accepted " + conflict);
            } catch (ContainerException e) {
                assertEquals(ContainerException.NETWORK_FAILURE, e.code());
                assertTrue(e.getMessage(), e.getMessage().contains("overlaps the route '" + conflict + "'"));
            }
        }
    }
}
