package io.peeros.vpn.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import io.peeros.vpn.internal.crypto.TestPeer;
import io.peeros.vpn.internal.crypto.CryptoConfig;
import java.io.File;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The swarm service against real bridges and TAPs in a network namespace of its own, with a data plane that
 * records what it is told (the data plane itself is tested in the node package). Needs root and iproute2.
 */
public class SwarmServiceImplTest {

    private static final String NS = "pvsvc" + ProcessHandle.current().pid() % 10000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final TestPeer self = TestPeer.create();
    private final TestPeer alice = TestPeer.create();
    private final TestPeer bob = TestPeer.create();
    private final Map<String, X509Certificate> trusted = new ConcurrentHashMap<>();
    private final List<SwarmServiceImpl> services = new ArrayList<>();
    private HostLinks links;
    private RecordingDataPlane plane;
    private Path state;

    @Before
    public void namespace() throws Exception {
        assumeTrue("needs root and ip", "root".equals(System.getProperty("user.name"))
                && (new File("/usr/sbin/ip").canExecute() || new File("/sbin/ip").canExecute()));
        sh("ip netns del " + NS + " 2>/dev/null; ip netns add " + NS + " && ip -n " + NS
                + " link add lan0 type veth peer name lan1 && ip -n " + NS + " addr add 192.168.77.10/24 dev lan0 && ip -n " + NS
                + " link set lan0 up");
        links = new HostLinks(NS);
        plane = new RecordingDataPlane(links);
        state = folder.newFolder("vpn").toPath();
        trusted.put(alice.peerId(), alice.certificate());
        trusted.put(bob.peerId(), bob.certificate());
    }

    @After
    public void cleanup() throws Exception {
        services.forEach(SwarmServiceImpl::deactivate);
        sh("ip netns del " + NS + " 2>/dev/null; true");
    }

    private SwarmServiceImpl start() throws Exception {
        VpnSettings settings = new VpnSettings(new InetSocketAddress(0), 7946, 1500, CryptoConfig.defaults(), 3600,
                state, 0);
        SwarmServiceImpl service = new SwarmServiceImpl(self, trust(), registry(), settings, links, plane);
        services.add(service);
        service.awaitReady();
        return service;
    }

    @Test
    public void joinMakesBridgeAndTapRecordsItAndRestoresAfterRestart() throws Exception {
        SwarmServiceImpl service = start();
        Swarm swarm = service.join(spec("env-1", "10.200.1.0/24", self.peerId(), alice.peerId(), bob.peerId()));
        String bridge = SwarmNames.bridge("env-1");
        String tap = SwarmNames.tap("env-1");
        assertEquals(bridge, swarm.bridge());
        assertEquals(Optional.of("10.200.1.0/24"), swarm.subnet());
        assertEquals(tap, swarm.interfaceName());
        assertEquals(Set.of(alice.peerId(), bob.peerId()), plane.members.get("env-1").keySet());
        String master = links.ip("-o", "link", "show", "dev", tap);
        assertTrue(master, master.contains("master " + bridge));
        assertTrue(links.ip("-o", "link", "show", "dev", bridge).contains("mtu 1400"));
        assertTrue("the bridge has no address", links.ip("-o", "addr", "show", "dev", bridge).isBlank());
        assertEquals("peeros-vpn:" + self.peerId(), links.alias(bridge));
        assertTrue(Files.exists(state.resolve("env-1.swarm")));
        assertEquals(List.of(new InetSocketAddress("10.213.0.7", 7946)), plane.hints.get(alice.peerId()));

        service.deactivate();
        services.clear();
        plane.taps.clear();
        assertTrue("the bridge outlives the component", links.exists(bridge));
        SwarmServiceImpl restarted = start();
        assertEquals(List.of("env-1"), restarted.list().stream().map(Swarm::id).toList());
        assertEquals(2, plane.joins.stream().filter("env-1"::equals).count());
        assertTrue(links.ip("-o", "link", "show", "dev", tap).contains("master " + bridge));
    }

    /**
     * At start every recorded swarm's data plane is joined and forwarding resumes before any bridge is checked
     * (a handover's pause must not grow with the swarms' ip commands); the checks afterwards still repair a
     * bridge deleted meanwhile and put the TAP back into it.
     */
    @Test
    public void restoreResumesForwardingBeforeCheckingTheBridges() throws Exception {
        SwarmServiceImpl service = start();
        service.join(spec("env-1", "10.200.1.0/24", alice.peerId()));
        service.join(spec("env-2", "10.200.2.0/24", bob.peerId()));
        service.deactivate();
        services.clear();
        links.delete(SwarmNames.bridge("env-2"));
        plane.joins.clear();
        start();
        assertEquals("both swarms joined when forwarding resumed", List.of("env-1", "env-2"),
                plane.joinedAtStart.stream().sorted().toList());
        assertEquals("the deleted bridge was not made again yet when forwarding resumed", Boolean.FALSE,
                plane.bridgeAtStart.get("env-2"));
        assertTrue("the bridge was repaired afterwards", links.exists(SwarmNames.bridge("env-2")));
        assertTrue(links.ip("-o", "link", "show", "dev", SwarmNames.tap("env-2"))
                .contains("master " + SwarmNames.bridge("env-2")));
    }

    /**
     * Deactivation offers the data plane, still up, through the broker (the bundle's is the OSGi service
     * registry); with {@code handoverSeconds=0}, or a data plane that cannot be handed over, it closes it.
     */
    @Test
    public void deactivationOffersTheDataPlaneInsteadOfClosingIt() throws Exception {
        plane.canHandOver = true;
        List<Duration> offers = new ArrayList<>();
        HandoverBroker broker = new HandoverBroker() {
            @Override
            public Map<String, Object> take() {
                return null;
            }

            @Override
            public void offer(DataPlane p, Duration timeout) {
                assertTrue(p == plane);
                offers.add(timeout);
            }
        };
        SwarmServiceImpl offering = start(30, broker);
        offering.join(spec("env-1", "10.200.1.0/24", self.peerId(), alice.peerId()));
        offering.deactivate();
        services.remove(offering);
        assertEquals(List.of(Duration.ofSeconds(30)), offers);
        assertTrue("still forwarding: the TAP stays", links.exists(SwarmNames.tap("env-1")));

        SwarmServiceImpl closing = start(0, broker);
        closing.deactivate();
        services.remove(closing);
        assertEquals("no offer with handoverSeconds=0", 1, offers.size());
        assertFalse("closed: the TAP is gone", links.exists(SwarmNames.tap("env-1")));

        plane.canHandOver = false;
        SwarmServiceImpl cannot = start(30, broker);
        cannot.deactivate();
        services.remove(cannot);
        assertEquals("no offer for a data plane that cannot be handed over", 1, offers.size());
    }

    /**
     * Activation returns while the data plane is still being taken over (here: a start that waits for a gate),
     * so the framework's thread is free; operations arriving meanwhile wait for the takeover and then see the
     * restored swarms; one waiting longer than {@link SwarmServiceImpl#READY_WAIT} gets a clear error; and a
     * deactivation during the takeover waits for it and then offers the data plane (never loses it).
     */
    @Test
    public void activationReturnsBeforeTheTakeoverAndOperationsWaitForIt() throws Exception {
        plane.canHandOver = true;
        List<DataPlane> offers = new ArrayList<>();
        HandoverBroker broker = new HandoverBroker() {
            @Override
            public Map<String, Object> take() {
                return null;
            }

            @Override
            public synchronized void offer(DataPlane p, Duration timeout) {
                offers.add(p);
            }
        };
        SwarmServiceImpl first = start(30, broker);
        first.join(spec("env-1", "10.200.1.0/24", alice.peerId()));
        first.deactivate();
        services.remove(first);
        assertEquals(1, offers.size());

        CountDownLatch gate = new CountDownLatch(1);
        plane.startGate = gate;
        plane.startEntered = new CountDownLatch(1);
        VpnSettings settings = new VpnSettings(new InetSocketAddress(0), 7946, 1500, CryptoConfig.defaults(), 3600,
                state, 30);
        SwarmServiceImpl second = new SwarmServiceImpl(self, trust(), registry(), settings, links, plane, broker);
        services.add(second);
        assertTrue("the takeover runs", plane.startEntered.await(10, TimeUnit.SECONDS));
        // The constructor (DS activation) has returned although the data plane's start is still held.
        assertEquals("not yet forwarding", 1, gate.getCount());
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            long t0 = System.nanoTime();
            expect("DATAPLANE_STARTING", second::list);
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue("waited the bounded time, " + waitedMs + " ms",
                    waitedMs >= SwarmServiceImpl.READY_WAIT.toMillis() - 100 && waitedMs < 15_000);

            Future<List<Swarm>> listed = callers.submit(second::list);
            Future<?> deactivated = callers.submit(second::deactivate);
            Thread.sleep(300);
            assertFalse("list waits for the takeover", listed.isDone());
            assertFalse("deactivation waits for the takeover", deactivated.isDone());
            assertEquals("nothing offered during the takeover", 1, offers.size());
            gate.countDown();
            deactivated.get(10, TimeUnit.SECONDS);
            services.remove(second);
            assertEquals("the data plane taken over is offered again, not lost", 2, offers.size());
            assertTrue(offers.get(1) == plane);
            assertTrue("still forwarding: the TAP stays", links.exists(SwarmNames.tap("env-1")));
            try {
                assertEquals(List.of("env-1"), listed.get(10, TimeUnit.SECONDS).stream().map(Swarm::id).toList());
            } catch (java.util.concurrent.ExecutionException e) {
                // list may be served after the deactivation; it must then not hang, and still be a clear error
                assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof VpnException);
            }
        } finally {
            gate.countDown();
            callers.shutdownNow();
            assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private SwarmServiceImpl start(int handoverSeconds, HandoverBroker broker) throws Exception {
        VpnSettings settings = new VpnSettings(new InetSocketAddress(0), 7946, 1500, CryptoConfig.defaults(), 3600,
                state, handoverSeconds);
        SwarmServiceImpl service = new SwarmServiceImpl(self, trust(), registry(), settings, links, plane, broker);
        services.add(service);
        service.awaitReady();
        return service;
    }

    @Test
    public void joiningAgainReconcilesMembersAndRefusesAnotherSubnet() throws Exception {
        SwarmServiceImpl service = start();
        service.join(spec("env-1", "10.200.1.0/24", alice.peerId(), bob.peerId()));
        service.join(new SwarmSpec("env-1", Set.of(alice.peerId()), Optional.empty()));
        assertEquals(Set.of(alice.peerId()), plane.members.get("env-1").keySet());
        assertEquals(Optional.of("10.200.1.0/24"), service.get("env-1").orElseThrow().subnet());
        expect("SUBNET_CHANGED", () -> service.join(spec("env-1", "10.200.2.0/24", alice.peerId())));
        assertTrue(Files.readString(state.resolve("env-1.swarm")).contains("members=" + alice.peerId() + "\n"));
    }

    @Test
    public void badRequestsAreRefusedLeavingNothing() throws Exception {
        SwarmServiceImpl service = start();
        service.join(spec("env-1", "10.200.1.0/24", alice.peerId()));
        String stranger = TestPeer.create().peerId();
        expect("MEMBER_UNKNOWN", () -> service.join(spec("env-2", "10.200.2.0/24", alice.peerId(), stranger)));
        expect("SWARM_INVALID", () -> service.join(spec("../x", "10.200.2.0/24", alice.peerId())));
        expect("SWARM_INVALID", () -> service.join(spec("", "10.200.2.0/24", alice.peerId())));
        for (String bad : List.of("10.200.2.0", "10.200.2.1/24", "10.200.2.0/33", "10.200.2.0/4", "10.200.02.0/24",
                "10.200.256.0/24", "ten/8", "10.200.2.0/x")) {
            expect("SUBNET_INVALID", () -> service.join(spec("env-2", bad, alice.peerId())));
        }
        expect("SUBNET_OVERLAP", () -> service.join(spec("env-2", "10.200.0.0/16", alice.peerId())));
        expect("SUBNET_OVERLAP", () -> service.join(spec("env-2", "192.168.77.128/25", alice.peerId())));
        plane.failNextJoin = true;
        expect("DATAPLANE_FAILED", () -> service.join(spec("env-2", "10.200.2.0/24", alice.peerId())));
        assertEquals(List.of("env-1"), service.list().stream().map(Swarm::id).toList());
        assertEquals(List.of(SwarmNames.bridge("env-1")), links.linksStartingWith(SwarmNames.BRIDGE_PREFIX));
        assertEquals(List.of(SwarmNames.tap("env-1")), links.linksStartingWith(SwarmNames.TAP_PREFIX));
        try (var files = Files.list(state)) {
            assertEquals(List.of("env-1.swarm"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    public void leaveRemovesEverything() throws Exception {
        SwarmServiceImpl service = start();
        service.join(spec("env-1", "10.200.1.0/24", alice.peerId()));
        assertTrue(service.leave("env-1"));
        assertFalse(service.leave("env-1"));
        assertTrue(service.list().isEmpty());
        assertTrue(links.linksStartingWith("p").isEmpty());
        assertFalse(Files.exists(state.resolve("env-1.swarm")));
        service.join(spec("env-2", "10.200.1.0/24", alice.peerId()));
        assertEquals(1, service.list().size());
    }

    @Test
    public void aPeerNoLongerTrustedIsCutOffAtTheNextRefresh() throws Exception {
        SwarmServiceImpl service = start();
        service.join(spec("env-1", "10.200.1.0/24", alice.peerId(), bob.peerId()));
        trusted.remove(bob.peerId());
        service.refresh();
        assertEquals(Set.of(alice.peerId()), plane.members.get("env-1").keySet());
    }

    @Test
    public void onlyThisPeersBridgesThatNoRecordExplainsAreRemovedAtStart() throws Exception {
        links.ensureBridge("pe-deadbeef", 1400, "peeros-vpn:" + self.peerId());
        links.ensureBridge("pe-0therpee", 1400, "peeros-vpn:" + alice.peerId());
        links.ip("link", "add", "name", "pe-noalias", "type", "bridge");
        start();
        assertFalse("a stray bridge of this peer is removed", links.exists("pe-deadbeef"));
        assertTrue("another PeerOS instance's bridge in the same namespace stays", links.exists("pe-0therpee"));
        assertTrue("a bridge PeerOS did not make stays", links.exists("pe-noalias"));
    }

    @Test
    public void aCorruptRecordIsReportedAndSkipped() throws Exception {
        Files.writeString(state.resolve("env-9.swarm"), "id=env-9\nsubnet=10.999.0.0/24\n");
        SwarmServiceImpl service = start();
        assertTrue(service.list().isEmpty());
    }

    private static SwarmSpec spec(String id, String subnet, String... members) {
        return new SwarmSpec(id, Set.of(members), Optional.of(subnet));
    }

    private static void expect(String code, Runnable r) {
        try {
            r.run();
            fail("expected " + code);
        } catch (VpnException e) {
            assertEquals(e.getMessage(), code, e.code());
        }
    }

    private TrustService trust() {
        return (TrustService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TrustService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "certificateOf" -> Optional.ofNullable(trusted.get((String) args[0]));
                    case "trusted" -> Map.copyOf(trusted);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private PeerRegistry registry() {
        return (PeerRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PeerRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "peer" -> Optional.of(new RemotePeer((String) args[0], "p", URI.create("https://10.213.0.7:8443"),
                            URI.create("https://10.213.0.7:8444"), PeerState.APPROVED, Direction.OUTGOING, "", Instant.now(),
                            null));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(command + " timed out", p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(command + ": " + out, 0, p.exitValue());
    }

    /** Makes real TAPs (so the service can bridge them) and records the rest. */
    private static final class RecordingDataPlane implements DataPlane {
        final HostLinks links;
        final Map<String, Map<String, X509Certificate>> members = new HashMap<>();
        final Map<String, List<InetSocketAddress>> hints = new HashMap<>();
        final List<String> joins = new ArrayList<>();
        final Map<String, String> taps = new HashMap<>();
        boolean failNextJoin;
        boolean canHandOver;
        final List<String> joinedAtStart = new ArrayList<>();
        final Map<String, Boolean> bridgeAtStart = new HashMap<>();
        /** When set, {@link #start} waits (at most 20 s) for it: a takeover that takes its time. */
        volatile CountDownLatch startGate;
        volatile CountDownLatch startEntered = new CountDownLatch(1);

        RecordingDataPlane(HostLinks links) {
            this.links = links;
        }

        @Override
        public Swarm join(String swarmId, String tapName, Map<String, X509Certificate> m) {
            if (failNextJoin) {
                failNextJoin = false;
                throw new VpnException("DATAPLANE_FAILED", "simulated");
            }
            if (!links.exists(tapName)) {
                links.ip("tuntap", "add", "dev", tapName, "mode", "tap");
            }
            joins.add(swarmId);
            taps.put(swarmId, tapName);
            members.put(swarmId, Map.copyOf(m));
            return swarm(swarmId).orElseThrow();
        }

        @Override
        public void setMembers(String swarmId, Map<String, X509Certificate> m) {
            members.put(swarmId, Map.copyOf(m));
        }

        @Override
        public void setEndpointHints(String peerId, List<InetSocketAddress> candidates) {
            hints.put(peerId, candidates);
        }

        @Override
        public boolean leave(String swarmId) {
            String tap = taps.remove(swarmId);
            if (tap != null) {
                links.delete(tap);
            }
            return tap != null;
        }

        @Override
        public Optional<Swarm> swarm(String swarmId) {
            String tap = taps.get(swarmId);
            return tap == null ? Optional.empty() : Optional.of(new Swarm(swarmId, tap, members.get(swarmId).keySet()
                    .stream().sorted().map(id -> new SwarmMember(id, Optional.empty(), PathKind.NONE, Optional.empty(),
                            Optional.empty(), Optional.empty(), VpnStats.EMPTY)).toList(), VpnStats.EMPTY));
        }

        @Override
        public int tapMtu() {
            return 1400;
        }

        @Override
        public boolean canHandOver() {
            return canHandOver;
        }

        @Override
        public void start() {
            startEntered.countDown();
            CountDownLatch gate = startGate;
            if (gate != null) {
                try {
                    assertTrue("start gate opened", gate.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException("start interrupted: the takeover would be torn apart", e);
                }
            }
            joinedAtStart.clear();
            joinedAtStart.addAll(taps.keySet());
            bridgeAtStart.clear();
            taps.keySet().forEach(id -> bridgeAtStart.put(id, links.exists(SwarmNames.bridge(id))));
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(7946);
        }

        @Override
        public void close() {
            new ArrayList<>(taps.keySet()).forEach(this::leave);
        }
    }
}
