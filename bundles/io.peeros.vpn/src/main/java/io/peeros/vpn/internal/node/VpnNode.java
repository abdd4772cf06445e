package io.peeros.vpn.internal.node;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import io.peeros.vpn.internal.crypto.StateMap;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VPN of one peer: one unconnected UDP socket shared by every swarm, and per joined swarm one TAP device.
 * Threads: one receive thread on the socket, one maintenance thread (timers, paths, control messages), and one
 * thread per TAP; {@link #close()} stops all of them and deletes the TAPs. The data plane, the control protocol
 * and the MTU are described in {@code docs/vpn-dataplane.md} and {@code docs/vpn-control.md}; the live handover
 * to a successor ({@link #handover()}, {@link #adopt}) in the former's "Live handover".
 */
public final class VpnNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VpnNode.class);

    /** Version of the handover snapshot ({@link #handover()}); a successor refuses any other. */
    public static final int HANDOVER_FORMAT = 1;

    private final NodeSettings settings;
    private final PeerIdentity identity;
    private final Clock clock;
    private final SecureRandom random;
    private final UdpSocket socket;
    private final int localPort;
    private final NodeThreads threads;
    private final NodeEndpoints endpoints = new NodeEndpoints();
    private final Unclaimed unclaimed = new Unclaimed();
    private final Map<String, SwarmPlane> swarms = new ConcurrentHashMap<>();
    private volatile SwarmPlane[] planes = new SwarmPlane[0];
    private Adoption adoption = Adoption.none();
    private boolean started;
    private boolean closed;
    /** When {@link #start} started the receive and maintenance threads (System.nanoTime()), 0 before. */
    private volatile long forwardingSince;

    private VpnNode(NodeSettings settings, PeerIdentity identity, Clock clock, SecureRandom random, UdpSocket socket)
            throws NativeException {
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
        this.random = random;
        this.socket = socket;
        this.localPort = socket.localPort();
        this.threads = new NodeThreads(this, socket);
    }

    /**
     * Binds the node's UDP socket and starts its threads.
     *
     * @throws VpnException {@code PORT_IN_USE} when the address is taken, {@code TUN_UNAVAILABLE} without
     *     {@code /dev/net/tun}, {@code SOCKET_FAILED} for any other socket error
     */
    public static VpnNode open(NodeSettings settings, PeerIdentity identity, Clock clock, SecureRandom random) {
        if (!new File("/dev/net/tun").exists()) {
            throw new VpnException("TUN_UNAVAILABLE", "/dev/net/tun is missing: no TAP devices on this host");
        }
        UdpSocket socket;
        try {
            socket = UdpSocket.bind(settings.bind(), settings.socketBuffer(), Maintenance.TICK_MILLIS);
        } catch (NativeException e) {
            throw UdpSocket.addressInUse(e)
                    ? new VpnException("PORT_IN_USE", "UDP " + settings.bind() + " is in use", e)
                    : new VpnException("SOCKET_FAILED", e.getMessage(), e);
        }
        try {
            VpnNode node = new VpnNode(settings, identity, clock, random, socket);
            node.refreshLocalCandidates();
            node.start();
            LOG.info("VPN node {} listening on UDP port {}", identity.peerId().substring(0, 16), node.localPort);
            return node;
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw new VpnException("SOCKET_FAILED", e.getMessage(), e);
        }
    }

    /**
     * Builds a node from a predecessor's {@link #handover()} snapshot in this process: adopts its UDP socket and
     * TAP descriptors instead of opening new ones, and keeps each swarm's sessions and paths until {@link #join}
     * claims them. Nothing is forwarded before {@link #start()}: datagrams wait in the socket's buffer meanwhile,
     * frames in the TAP queues. Zeroes nothing itself: the caller wipes {@code state} after {@code start()}. When
     * the configured address differs from the adopted socket's, the socket is replaced (members follow the new
     * port as they roam).
     *
     * @throws VpnException {@code HANDOVER_FAILED} when the snapshot has another format or is malformed; every
     *     descriptor it holds is then closed
     */
    public static VpnNode adopt(NodeSettings settings, PeerIdentity identity, Clock clock, SecureRandom random,
            Map<String, Object> state) {
        if (!Integer.valueOf(HANDOVER_FORMAT).equals(state.get("format"))) {
            HandoverState.closeDescriptors(state);
            throw new VpnException("HANDOVER_FAILED", "handover format " + state.get("format") + ", expected "
                    + HANDOVER_FORMAT);
        }
        UdpSocket socket = null;
        List<TapDevice> taps = new ArrayList<>();
        try {
            socket = UdpSocket.adopt(StateMap.intOf(state, "socketFd"));
            if (!settings.bind().toString().equals(StateMap.stringOf(state, "bind"))) {
                LOG.info("VPN address changed from {} to {}: new socket", state.get("bind"), settings.bind());
                socket.close();
                socket = UdpSocket.bind(settings.bind(), settings.socketBuffer(), Maintenance.TICK_MILLIS);
            }
            VpnNode node = new VpnNode(settings, identity, clock, random, socket);
            Adoption adopted = Adoption.of(state, taps);
            node.endpoints.restore(HandoverState.hints(state), HandoverState.reflexive(state));
            node.refreshLocalCandidates();
            node.adoption = adopted;
            LOG.info("VPN node {} took over UDP port {} and {} TAP(s)", identity.peerId().substring(0, 16),
                    node.localPort, taps.size());
            return node;
        } catch (NativeException | RuntimeException e) {
            taps.forEach(TapDevice::close);
            if (socket != null) {
                socket.close();
            }
            throw new VpnException("HANDOVER_FAILED", "cannot take over the VPN state: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the receive and maintenance threads (once; {@link #open} does it). Swarms adopted from a
     * predecessor that no {@link #join} claimed by now are closed: their TAPs disappear.
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        adoption.closeUnclaimed();
        threads.start();
        forwardingSince = System.nanoTime();
        if (adoption.since() != 0) {
            LOG.info("VPN node forwarding again, {} ms after taking over",
                    (forwardingSince - adoption.since()) / 1_000_000);
        }
        adoption.reapplyTapSettings(settings.tapMtu());
    }

    /**
     * Stops every thread of this node (waiting until each has ended, so no key seals again here) and returns
     * its state as JDK types for a successor in another class loader ({@link #adopt}): the socket and TAP
     * descriptors, per swarm the sessions (keys, send counters, replay windows), paths and endpoint hints. The
     * descriptors are released, not closed: TAPs, bridges and queued packets stay; this node's own copies of
     * the keys are zeroed and it is closed afterwards. The snapshot holds secrets: the caller passes it on at
     * once and wipes it ({@link StateMap#wipe}). See {@code docs/vpn-dataplane.md}, "Live handover".
     *
     * @throws VpnException {@code HANDOVER_FAILED} when a thread does not stop within 5 s; the node is then
     *     closed as by {@link #close()}
     */
    public synchronized Map<String, Object> handover() {
        checkOpen();
        closed = true;
        SwarmPlane[] all = swarms.values().toArray(new SwarmPlane[0]);
        threads.requestStop();
        for (SwarmPlane p : all) {
            p.requestStop();
        }
        boolean stopped;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            stopped = threads.awaitEnd(deadline);
            for (SwarmPlane p : all) {
                stopped &= p.awaitStopped(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            for (SwarmPlane p : all) { // no lambda here: after a bundle update the old class loader may refuse
                p.close();
            }
            unpublishAll();
            socket.close();
            throw new VpnException("HANDOVER_FAILED", "a VPN thread did not stop: closed instead of handed over");
        }
        Map<String, Object> state = HandoverState.encode(settings, socket, all, endpoints.allHints(),
                endpoints.reflexive());
        for (SwarmPlane p : all) {
            p.tap.release();
            p.crypto.close();
        }
        socket.release();
        unpublishAll();
        LOG.info("VPN node handed over: UDP port {}, {} swarm(s)", localPort, all.length);
        return state;
    }

    /**
     * Joins a swarm: creates TAP {@code tapName} (up, MTU {@link NodeSettings#tapMtu()}), or takes the one a
     * predecessor handed over with its sessions, and starts forwarding. Joining a swarm already joined only
     * reconciles its members.
     *
     * @throws VpnException {@code TUN_UNAVAILABLE} when the TAP cannot be created, {@code MEMBER_INVALID} when
     *     a peer id does not match its certificate
     */
    public synchronized Swarm join(String swarmId, String tapName, Map<String, X509Certificate> members) {
        checkOpen();
        SwarmPlane existing = swarms.get(swarmId);
        if (existing != null) {
            setMembers(swarmId, members);
            return status(existing);
        }
        SwarmCrypto crypto = new SwarmCrypto(swarmId, identity, Map.of(), settings.crypto(), clock, random);
        try {
            crypto.setMembers(members); // validates before anything is created
        } catch (IllegalArgumentException e) {
            crypto.close();
            throw new VpnException("MEMBER_INVALID", e.getMessage(), e);
        }
        Adoption.Adopted handed = adoption.claim(swarmId, tapName);
        TapDevice tap;
        try {
            tap = handed != null ? handed.tap() : TapDevice.open(tapName, true, false, true);
        } catch (NativeException | IllegalArgumentException e) {
            crypto.close();
            throw new VpnException("TUN_UNAVAILABLE", "cannot create TAP " + tapName + ": " + e.getMessage(), e);
        }
        SwarmPlane plane = new SwarmPlane(swarmId, this, crypto, tap);
        try {
            plane.setMembers(members);
            if (handed == null) {
                IpCommand.tapUp(tap.name(), settings.tapMtu());
            } else {
                Adoption.restore(plane, crypto, handed, members);
                adoption.reapplyLater(tap.name());
            }
        } catch (IllegalArgumentException e) {
            plane.close();
            throw new VpnException("MEMBER_INVALID", e.getMessage(), e);
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        } finally {
            if (handed != null) {
                StateMap.wipe(handed.crypto());
            }
        }
        swarms.put(swarmId, plane);
        publish();
        plane.start();
        LOG.info("joined swarm {} on {} (MTU {})", swarmId, tap.name(), settings.tapMtu());
        return status(plane);
    }

    /** Replaces a swarm's members; a removed member is cut off at once (its keys are zeroed). */
    public void setMembers(String swarmId, Map<String, X509Certificate> members) {
        SwarmPlane p = require(swarmId);
        try {
            p.setMembers(members);
        } catch (IllegalArgumentException e) {
            throw new VpnException("MEMBER_INVALID", e.getMessage(), e);
        }
    }

    /** Node-wide endpoint candidates of a peer (from the peer registry or configuration); replaces earlier ones. */
    public void setEndpointHints(String peerId, List<InetSocketAddress> candidates) {
        endpoints.setHints(peerId, candidates);
    }

    /** Leaves a swarm: closes its sessions, zeroes its keys, deletes its TAP. False when not joined. */
    public synchronized boolean leave(String swarmId) {
        SwarmPlane p = swarms.remove(swarmId);
        if (p == null) {
            return false;
        }
        publish();
        p.stopReader();
        threads.awaitReceiverPass();
        p.close();
        LOG.info("left swarm {}", swarmId);
        return true;
    }

    public Optional<Swarm> swarm(String swarmId) {
        SwarmPlane p = swarms.get(swarmId);
        return p == null ? Optional.empty() : Optional.of(status(p));
    }

    public List<Swarm> swarms() {
        return swarms.values().stream().map(this::status).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(settings.bind().getAddress(), localPort);
    }

    /** Data-plane counters of a swarm beyond {@link VpnStats} (TAP writes, oversize frames, relay decisions). */
    public Map<String, Long> counters(String swarmId) {
        Map<String, Long> m = require(swarmId).counters.snapshot();
        m.put("socketSendFailures", socket.sendFailures());
        return m;
    }

    /** Stops every thread, deletes every TAP and closes the socket; returns within about a second. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        threads.requestStop();
        for (SwarmPlane p : swarms.values()) {
            p.stopReader();
        }
        threads.joinBriefly();
        for (SwarmPlane p : swarms.values()) {
            p.close();
        }
        adoption.closeWaiting();
        unpublishAll();
        socket.close();
    }

    /** System.nanoTime() when {@link #start} had every thread running, 0 before (for the handover figures). */
    long forwardingSince() {
        return forwardingSince;
    }

    private Swarm status(SwarmPlane p) {
        return SwarmStatus.of(p, clock.millis(), settings.pathTimeout().toMillis(), unclaimed);
    }

    private SwarmPlane require(String swarmId) {
        SwarmPlane p = swarms.get(swarmId);
        if (p == null) {
            throw new VpnException("SWARM_UNKNOWN", "not joined: " + swarmId);
        }
        return p;
    }

    private void checkOpen() {
        if (closed) {
            throw new VpnException("CLOSED", "the VPN node is closed");
        }
    }

    private void publish() {
        planes = swarms.values().toArray(new SwarmPlane[0]);
    }

    private void unpublishAll() {
        swarms.clear();
        planes = new SwarmPlane[0];
    }

    // ---- for the node's threads -------------------------------------------------------------------------

    NodeSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    UdpSocket socket() {
        return socket;
    }

    SwarmPlane[] planes() {
        return planes;
    }

    Maintenance maintenance() {
        return threads.maintenance;
    }

    List<Endpoint> hints(String peerId) {
        return endpoints.hints(peerId);
    }

    /** A datagram no swarm claims: counted (in every swarm's status) and dropped. */
    void unclaimed(ByteBuffer d) {
        unclaimed.count(d);
    }

    /** Another member saw us at {@code e}: our reflexive address. */
    void observed(Endpoint e) {
        endpoints.observed(e);
    }

    /** What this node announces in ENDPOINTS: reflexive addresses first, then local ones; at most 8. */
    List<Endpoint> candidates() {
        return endpoints.candidates();
    }

    /** Re-reads this namespace's addresses for {@link #candidates()} (the swarms' own TAPs excluded). */
    void refreshLocalCandidates() {
        endpoints.refreshLocal(settings.bind().getAddress(), localPort,
                Arrays.stream(planes).map(p -> p.tap.name()).toList());
    }
}
