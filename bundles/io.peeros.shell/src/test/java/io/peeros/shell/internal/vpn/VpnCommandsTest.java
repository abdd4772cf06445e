package io.peeros.shell.internal.vpn;

import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import io.peeros.vpn.api.testing.FakeSwarmService;
import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnStats;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

/** vpn:list, vpn:show, vpn:join and vpn:leave over a swarm service in memory. */
public class VpnCommandsTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakePeerRegistry registry = new FakePeerRegistry();
    private final FakeSwarmService swarms = new FakeSwarmService();

    public VpnCommandsTest() {
        registry.peers.add(FakePeerRegistry.peer("alpha", PeerState.APPROVED, Direction.OUTGOING,
                FakePeerRegistry.NOW));
        registry.peers.add(FakePeerRegistry.peer("beta", PeerState.APPROVED, Direction.INCOMING,
                FakePeerRegistry.NOW));
        swarms.self = registry.local.id();
    }

    /** env-1: alpha direct with drops, beta relayed through alpha, gamma (unknown to the registry) unreachable. */
    private Swarm env1() {
        SwarmMember alpha = new SwarmMember(idOf("alpha"), Optional.of("203.0.113.5:51820"), PathKind.DIRECT,
                Optional.empty(), Optional.of(Duration.ofNanos(12_345_000)),
                Optional.of(FakePeerRegistry.NOW.minusSeconds(125)),
                new VpnStats(1_572_864, 2048, 1200, 40, 3, Map.of(DropCause.BAD_MAC, 2L, DropCause.REPLAY, 1L)));
        SwarmMember beta = new SwarmMember(idOf("beta"), Optional.of("198.51.100.7:40000"), PathKind.RELAYED,
                Optional.of(idOf("alpha")), Optional.of(Duration.ofMillis(40)),
                Optional.of(FakePeerRegistry.NOW.minusSeconds(4)), new VpnStats(512, 100, 1, 2, 1, Map.of()));
        SwarmMember gamma = FakeSwarmService.idle(idOf("gamma"));
        return new Swarm("env-1", "pvpn0", List.of(alpha, beta, gamma),
                new VpnStats(1_573_376, 2148, 1201, 42, 4,
                        Map.of(DropCause.BAD_MAC, 2L, DropCause.REPLAY, 1L, DropCause.MALFORMED, 4L)),
                "pbr-env-1", Optional.of("10.200.1.0/24"), 1380);
    }

    private <T extends VpnCommandSupport> T wire(T command) {
        command.swarms = swarms;
        command.registry = registry;
        command.clock = Clock.fixed(FakePeerRegistry.NOW, ZoneId.of("UTC"));
        return command;
    }

    private static List<String> rows(String table) {
        return table.lines().map(r -> r.replaceAll("\\s*\\|\\s*", "|").trim()).collect(Collectors.toList());
    }

    @Test
    public void listShowsOneRowPerSwarmWithMembersUpAndTraffic() throws Exception {
        swarms.with(env1()).with(new Swarm("bare", "", List.of(), VpnStats.EMPTY));

        console.run(wire(new ListCommand()));

        List<String> rows = rows(console.out());
        assertEquals(rows.toString(), "Swarm|Interface|Bridge|Subnet|Members|Rx|Tx|Drops", rows.get(0));
        assertEquals(List.of("bare|-|-|-|0/0|0 B|0 B|0", "env-1|pvpn0|pbr-env-1|10.200.1.0/24|2/3|1.5 MiB|2.1 KiB|7"),
                rows.subList(2, rows.size()));
        assertEquals("", console.err());
    }

    @Test
    public void listSaysHowToStartWhenThereAreNone() throws Exception {
        console.run(wire(new ListCommand()));

        assertTrue(console.out(), console.out().contains("No swarms. Join one with vpn:join <swarm> <member...>."));
    }

    @Test
    public void showPrintsTheSwarmItsMembersAndTheDropsByCause() throws Exception {
        swarms.with(env1());
        ShowCommand show = wire(new ShowCommand());
        show.swarm = "env-1";

        console.run(show);

        List<String> rows = rows(console.out());
        String a = idOf("alpha").substring(0, 12);
        String b = idOf("beta").substring(0, 12);
        String g = idOf("gamma").substring(0, 12);
        assertEquals(List.of("Swarm|env-1", "Interface|pvpn0", "Bridge|pbr-env-1", "Subnet|10.200.1.0/24", "MTU|1380",
                "Members|2 up of 3", "Received|1.5 MiB (1201 pkts)", "Sent|2.1 KiB (42 pkts)", "Handshakes|4",
                "Dropped|7", ""), rows.subList(0, 11));
        assertEquals("Peer|Endpoint|Path|RTT|Handshake|Rx|Tx", rows.get(11));
        assertEquals(List.of(
                a + " (alpha)|203.0.113.5:51820|direct|12.35 ms|2m 5s ago|1.5 MiB (1200 pkts)|2.0 KiB (40 pkts)",
                b + " (beta)|198.51.100.7:40000|relayed via " + a + "|40.00 ms|4s ago|512 B (1 pkt)|100 B (2 pkts)",
                g + "|-|none|-|never|0 B (0 pkts)|0 B (0 pkts)", ""), rows.subList(13, 17));
        assertEquals("Dropped from|Cause|Count", rows.get(17));
        assertEquals(List.of(a + " (alpha)|bad_mac|2", a + " (alpha)|replay|1", "total|malformed|4",
                "total|bad_mac|2", "total|replay|1"), rows.subList(19, rows.size()));
        assertEquals("", console.err());
    }

    @Test
    public void showWithoutDropsOrMembersSaysSo() throws Exception {
        swarms.with(new Swarm("bare", "pvpn1", List.of(), VpnStats.EMPTY));
        ShowCommand show = wire(new ShowCommand());
        show.swarm = "bare";
        show.registry = null;

        console.run(show);

        assertTrue(console.out(), console.out().contains("No other members."));
        assertTrue(console.out(), console.out().contains("No datagrams dropped."));
    }

    @Test
    public void anUnknownSwarmIsRefusedByShowAndLeave() throws Exception {
        ShowCommand show = wire(new ShowCommand());
        show.swarm = "nope";
        LeaveCommand leave = wire(new LeaveCommand());
        leave.swarm = "nope";

        console.run(show);
        console.run(leave);

        assertEquals("", console.out());
        assertEquals("Error: this peer has not joined a swarm 'nope' [SWARM_NOT_FOUND]" + NL
                + "Error: this peer has not joined a swarm 'nope' [SWARM_NOT_FOUND]" + NL, console.err());
    }

    @Test
    public void leaveRemovesTheSwarm() throws Exception {
        swarms.with(env1());
        LeaveCommand leave = wire(new LeaveCommand());
        leave.swarm = "env-1";

        console.run(leave);

        assertEquals("Left swarm env-1." + NL, console.out());
        assertTrue(swarms.swarms.isEmpty());
    }

    @Test
    public void joinResolvesIdsPrefixesAndNamesAndPrintsTheSwarm() throws Exception {
        JoinCommand join = join("env-2", idOf("alpha"), idOf("beta").substring(0, 8), "local");
        join.subnet = "10.200.2.0/24";

        console.run(join);

        assertEquals("", console.err());
        assertEquals(List.of(new SwarmSpec("env-2", Set.of(idOf("alpha"), idOf("beta"), registry.local.id()),
                Optional.of("10.200.2.0/24"))), swarms.joins);
        List<String> rows = rows(console.out());
        assertEquals(List.of("Swarm|env-2", "Interface|pvpn0", "Bridge|pbr-env-2", "Subnet|10.200.2.0/24",
                "MTU|-", "Members|0 up of 2"), rows.subList(0, 6));
        assertTrue(console.out(), console.out().contains(idOf("alpha").substring(0, 12) + " (alpha)"));
        assertTrue(console.out(), console.out().contains("No datagrams dropped."));
    }

    @Test
    public void joinWithoutSubnetKeepsTheSubnetOfAJoinedSwarm() throws Exception {
        swarms.with(env1());

        console.run(join("env-1", "alpha"));

        assertEquals("", console.err());
        assertEquals(Optional.of("10.200.1.0/24"), swarms.joins.get(0).subnet());
        assertEquals(Set.of(idOf("alpha")), swarms.joins.get(0).members());
        assertEquals(1, swarms.swarms.get("env-1").members().size());
        assertTrue(console.out(), rows(console.out()).contains("Members|1 up of 1"));
    }

    @Test
    public void unknownOrAmbiguousMembersAreNamedAndNothingIsJoined() throws Exception {
        registry.peers.add(new io.peeros.registry.api.RemotePeer("abcdef0123456789", "twin-1",
                registry.peers.get(0).publicUrl(), registry.peers.get(0).peerUrl(), PeerState.APPROVED,
                Direction.OUTGOING, "FP", FakePeerRegistry.NOW, FakePeerRegistry.NOW));
        registry.peers.add(new io.peeros.registry.api.RemotePeer("abcdef01ffffffff", "twin-2",
                registry.peers.get(0).publicUrl(), registry.peers.get(0).peerUrl(), PeerState.APPROVED,
                Direction.OUTGOING, "FP", FakePeerRegistry.NOW, FakePeerRegistry.NOW));

        console.run(join("env-3", "alpha", "delta"));
        console.run(join("env-3", "alpha", "abcdef01"));
        console.run(join("env-3", "abcdef0"));

        assertEquals("Error: member 'delta' is no known peer: give a peer id, a unique prefix of 8 or more"
                + " characters, or a peer name (see peer:list) [MEMBER_UNKNOWN]" + NL
                + "Error: member 'abcdef01' matches several peers: abcdef012345 (twin-1), abcdef01ffff (twin-2);"
                + " give more of the id [MEMBER_AMBIGUOUS]" + NL
                + "Error: member 'abcdef0' is no known peer: give a peer id, a unique prefix of 8 or more"
                + " characters, or a peer name (see peer:list) [MEMBER_UNKNOWN]" + NL, console.err());
        assertEquals(List.of(), swarms.joins);
    }

    @Test
    public void refusalsOfTheServiceKeepTheirCode() throws Exception {
        swarms.with(env1());
        swarms.trusted = Set.of(idOf("alpha"));
        JoinCommand changed = join("env-1", "alpha");
        changed.subnet = "10.200.9.0/24";

        console.run(join("bad id!", "alpha"));
        console.run(join("env-4", "beta"));
        console.run(changed);

        assertEquals("Error: 'bad id!' is not a valid swarm id [SWARM_INVALID]" + NL
                + "Error: peer " + idOf("beta") + " is not trusted [MEMBER_UNKNOWN]" + NL
                + "Error: swarm env-1 has subnet 10.200.1.0/24 [SUBNET_CHANGED]" + NL, console.err());
        assertEquals("", console.out());
    }

    @Test
    public void withoutTheVpnServiceEveryCommandSaysItIsMissing() throws Exception {
        ListCommand list = wire(new ListCommand());
        list.swarms = null;
        JoinCommand join = join("env-1", "alpha");
        join.swarms = null;

        console.run(list);
        console.run(join);

        assertEquals("", console.out());
        assertEquals(2, console.err().lines().filter(l -> l.startsWith("Error: the VPN service is not available")
                && l.endsWith("[VPN_UNAVAILABLE]")).count());
    }

    @Test
    public void attachPlugsAContainerIntoTheSwarmBridgeWithItsPrefixAndMtu() throws Exception {
        swarms.with(env1());
        FakeContainerManager containers = new FakeContainerManager().with("web", "busybox", ContainerState.RUNNING)
                .with("db", "busybox", ContainerState.STOPPED);
        containers.bridges.add("pbr-env-1");

        console.run(attach(containers, "env-1", "web", "10.200.1.5"));
        console.run(attach(containers, "env-1", "db", "10.200.2.5"));
        console.run(attach(containers, "env-1", "db", "10.200.1.256"));
        console.run(attach(containers, "bare", "db", "10.200.1.6"));
        DetachCommand detach = wire(new DetachCommand());
        detach.containers = containers;
        detach.swarm = "env-1";
        detach.container = "web";
        console.run(detach);

        assertEquals("Attached web to swarm env-1: eth1 10.200.1.5/24, MTU 1380, MAC 0a:5e:0a:c8:01:05." + NL
                + "Detached web from swarm env-1." + NL, console.out());
        assertEquals("Error: address 10.200.2.5 is not in swarm env-1's subnet 10.200.1.0/24 [ADDRESS_INVALID]" + NL
                + "Error: address '10.200.1.256' is not an IPv4 address such as 10.200.1.5 [ADDRESS_INVALID]" + NL
                + "Error: this peer has not joined a swarm 'bare' [SWARM_NOT_FOUND]" + NL, console.err());
        assertTrue(containers.info("web").attachments().isEmpty());
        assertTrue(containers.info("db").attachments().isEmpty());
    }

    private AttachCommand attach(FakeContainerManager containers, String swarm, String container, String address) {
        AttachCommand attach = wire(new AttachCommand());
        attach.containers = containers;
        attach.swarm = swarm;
        attach.container = container;
        attach.address = address;
        return attach;
    }

    private JoinCommand join(String swarm, String... members) {
        JoinCommand join = wire(new JoinCommand());
        join.swarm = swarm;
        join.members = List.of(members);
        return join;
    }
}
