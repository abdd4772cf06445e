package io.peeros.vpn.internal.node;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.DropCause;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import io.peeros.vpn.internal.crypto.PeerSession;
import io.peeros.vpn.internal.crypto.StateMap;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import io.peeros.vpn.internal.tap.NativeException;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.io.File;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VPN of one peer: one unconnected UDP socket shared by every swarm, and per joined swarm one TAP device.
 * Threads: one receive thread on the socket, one maintenance thread (timers, paths, control messages), and one
 * thread per TAP; {@link #close()} stops all of them and deletes the TAPs. The data plane, the control protocol
 * and the MTU are described in {@code docs/vpn-dataplane.md} and {@code docs/vpn-control.md}.
 */
public final class VpnNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VpnNode.class);

    private final NodeSettings settings;
    private final PeerIdentity identity;
    private final Clock clock;
    private final SecureRandom random;
    private final UdpSocket socket;
    private final int localPort;
    private final Receiver receiver;
    private final Thread receiverThread;
    private final Maintenance maintenance;
    private final Thread maintenanceThread;
    private final Map<String, SwarmPlane> swarms = new ConcurrentHashMap<>();
    private volatile SwarmPlane[] planes = new SwarmPlane[0];
    private final Map<String, List<Endpoint>> hints = new ConcurrentHashMap<>();
    private final List<Endpoint> reflexive = new ArrayList<>();
    private volatile List<Endpoint> localCandidates = List.of();
    private final LongAdder[] unclaimed = new LongAdder[DropCause.values().length];
    /** Swarms taken over from a predecessor (TAP and state) until {@link #join} claims them or {@link #start} closes them. */
    private final Map<String, Adopted> adopted = new ConcurrentHashMap<>();
    /** Adopted TAPs whose link settings {@link #start} re-applies once forwarding has resumed. */
    private final List<String> adoptedTaps = new ArrayList<>();
    private boolean started;
    private boolean closed;
    /** When {@link #adopt} took the predecessor's state (System.nanoTime()), 0 for a node opened afresh. */
    private long adoptedAt;
    /** When {@link #start} started the receive and maintenance threads (System.nanoTime()), 0 before. */
    private volatile long forwardingSince;

    /** Version of the handover snapshot ({@link #handover()}); a successor refuses any other. */
    public static final int HANDOVER_FORMAT = 1;

    /** A swarm handed over by a predecessor, waiting for its members. */
    private record Adopted(TapDevice tap, Map<String, Object> crypto, List<Map<String, Object>> members) {
    }

    private VpnNode(NodeSettings settings, PeerIdentity identity, Clock clock, SecureRandom random, UdpSocket socket)
            throws NativeException {
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
        this.random = random;
        this.socket = socket;
        this.localPort = socket.localPort();
        for (int i = 0; i < unclaimed.length; i++) {
            unclaimed[i] = new LongAdder();
        }
        this.receiver = new Receiver(this, socket);
        this.receiverThread = new Thread(receiver, "vpn-rx");
        this.maintenance = new Maintenance(this, socket);
        this.maintenanceThread = new Thread(maintenance, "vpn-control");
        receiverThread.setDaemon(true);
        maintenanceThread.setDaemon(true);
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
            for (Map<String, Object> sw : StateMap.mapsOf(state, "swarms")) {
                TapDevice tap = TapDevice.adopt(StateMap.intOf(sw, "tapFd"), StateMap.stringOf(sw, "tapName"),
                        StateMap.boolOf(sw, "vnetHdr"));
                taps.add(tap);
                node.adopted.put(StateMap.stringOf(sw, "id"), new Adopted(tap, StateMap.mapOf(sw, "crypto"),
                        StateMap.mapsOf(sw, "members")));
            }
            node.hints.putAll(HandoverState.hints(state));
            node.reflexive.addAll(HandoverState.reflexive(state));
            node.refreshLocalCandidates();
            node.adoptedAt = System.nanoTime();
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
        for (Map.Entry<String, Adopted> e : adopted.entrySet()) {
            LOG.info("swarm {} was handed over but not joined again: closing {}", e.getKey(), e.getValue().tap().name());
            e.getValue().tap().close();
            StateMap.wipe(e.getValue().crypto());
        }
        adopted.clear();
        receiverThread.start();
        maintenanceThread.start();
        forwardingSince = System.nanoTime();
        if (adoptedAt != 0) {
            LOG.info("VPN node forwarding again, {} ms after taking over", (System.nanoTime() - adoptedAt) / 1_000_000);
        }
        // Only now, with every swarm forwarding again, the adopted TAPs' MTU and state are re-applied: one ip
        // process per swarm would otherwise lengthen the pause of a handover with each swarm. Safe because an
        // adopted TAP is the very interface the predecessor configured and left up (with its MTU, addresses and
        // bridge); this only matters when the MTU setting changed, and until then a larger frame from the TAP
        // is counted (framesOversize) and dropped by its reader, as at any time.
        for (String tap : adoptedTaps) {
            try {
                ip("link", "set", "dev", tap, "mtu", Integer.toString(settings.tapMtu()), "up");
            } catch (VpnException e) {
                LOG.warn("cannot re-apply MTU {} to the adopted TAP {}: {}", settings.tapMtu(), tap, e.getMessage());
            }
        }
        adoptedTaps.clear();
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
        maintenance.running = false;
        maintenanceThread.interrupt();
        receiver.running = false;
        for (SwarmPlane p : all) {
            p.requestStop();
        }
        boolean stopped = true;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            stopped &= awaitEnd(maintenanceThread, deadline);
            stopped &= awaitEnd(receiverThread, deadline);
            for (SwarmPlane p : all) {
                stopped &= p.awaitStopped(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            closeStopped(all);
            throw new VpnException("HANDOVER_FAILED", "a VPN thread did not stop: closed instead of handed over");
        }
        List<Endpoint> seen;
        synchronized (reflexive) {
            seen = List.copyOf(reflexive);
        }
        Map<String, Object> state = HandoverState.encode(settings, socket, all, hints, seen);
        for (SwarmPlane p : all) {
            p.tap.release();
            p.crypto.close();
        }
        socket.release();
        swarms.clear();
        planes = new SwarmPlane[0];
        LOG.info("VPN node handed over: UDP port {}, {} swarm(s)", localPort, all.length);
        return state;
    }

    private static boolean awaitEnd(Thread t, long deadline) throws InterruptedException {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        return !t.isAlive();
    }

    private void closeStopped(SwarmPlane[] all) {
        for (SwarmPlane p : all) {
            p.close();
        }
        swarms.clear();
        planes = new SwarmPlane[0];
        socket.close();
    }

    /**
     * Joins a swarm: creates TAP {@code tapName} (up, MTU {@link NodeSettings#tapMtu()}) and starts forwarding.
     * Joining a swarm already joined only reconciles its members.
     *
     * @throws VpnException {@code TUN_UNAVAILABLE} when the TAP cannot be created, {@code MEMBER_INVALID} when
     *     a peer id does not match its certificate
     */
    public synchronized Swarm join(String swarmId, String tapName, Map<String, X509Certificate> members) {
        checkOpen();
        SwarmPlane existing = swarms.get(swarmId);
        if (existing != null) {
            setMembers(swarmId, members);
            return snapshot(existing);
        }
        SwarmCrypto crypto = new SwarmCrypto(swarmId, identity, Map.of(), settings.crypto(), clock, random);
        try {
            crypto.setMembers(members); // validates before anything is created
        } catch (IllegalArgumentException e) {
            crypto.close();
            throw new VpnException("MEMBER_INVALID", e.getMessage(), e);
        }
        Adopted handed = adopted.remove(swarmId);
        if (handed != null && !handed.tap().name().equals(tapName)) {
            LOG.info("swarm {} was handed over on {}, now wanted on {}: new TAP", swarmId, handed.tap().name(), tapName);
            handed.tap().close();
            StateMap.wipe(handed.crypto());
            handed = null;
        }
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
            if (handed != null) {
                try {
                    int sessions = crypto.restore(handed.crypto());
                    plane.restoreMembers(handed.members());
                    LOG.info("swarm {} taken over on {} with {} session(s)", swarmId, tap.name(), sessions);
                } catch (RuntimeException e) {
                    // keep the TAP; fresh sessions instead (members handshake again)
                    LOG.warn("swarm {}: handed-over sessions unusable, handshaking again: {}", swarmId, e.toString());
                    plane.setMembers(Map.of());
                    plane.setMembers(members);
                }
            }
            if (handed == null) {
                ip("link", "set", "dev", tap.name(), "mtu", Integer.toString(settings.tapMtu()), "up");
            } else {
                adoptedTaps.add(tap.name());
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
        return snapshot(plane);
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
        List<Endpoint> list = new ArrayList<>();
        for (InetSocketAddress a : candidates) {
            if (a.getAddress() instanceof Inet4Address && list.size() < Control.MAX_CANDIDATES) {
                list.add(Endpoint.of(a));
            }
        }
        if (list.isEmpty()) {
            hints.remove(peerId);
        } else {
            hints.put(peerId, List.copyOf(list));
        }
    }

    /** Leaves a swarm: closes its sessions, zeroes its keys, deletes its TAP. False when not joined. */
    public synchronized boolean leave(String swarmId) {
        SwarmPlane p = swarms.remove(swarmId);
        if (p == null) {
            return false;
        }
        publish();
        p.stopReader();
        awaitReceiverPass();
        p.close();
        LOG.info("left swarm {}", swarmId);
        return true;
    }

    public Optional<Swarm> swarm(String swarmId) {
        SwarmPlane p = swarms.get(swarmId);
        return p == null ? Optional.empty() : Optional.of(snapshot(p));
    }

    public List<Swarm> swarms() {
        return swarms.values().stream().map(this::snapshot).sorted((a, b) -> a.id().compareTo(b.id())).toList();
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
        maintenance.running = false;
        maintenanceThread.interrupt();
        for (SwarmPlane p : swarms.values()) {
            p.stopReader();
        }
        receiver.running = false;
        join(maintenanceThread);
        join(receiverThread);
        for (SwarmPlane p : swarms.values()) {
            p.close();
        }
        for (Adopted a : adopted.values()) {
            a.tap().close();
            StateMap.wipe(a.crypto());
        }
        adopted.clear();
        swarms.clear();
        planes = new SwarmPlane[0];
        socket.close();
    }

    private static void join(Thread t) {
        try {
            t.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Swarm snapshot(SwarmPlane p) {
        long now = clock.millis();
        long timeout = settings.pathTimeout().toMillis();
        List<SwarmMember> members = new ArrayList<>();
        long rxB = 0, txB = 0, rxP = 0, txP = 0, hs = 0;
        for (Member m : p.members()) {
            PeerSession s = m.session;
            boolean direct = m.directAlive(now, timeout);
            Member relay = m.relay;
            PathKind path = direct ? PathKind.DIRECT : relay != null ? PathKind.RELAYED : PathKind.NONE;
            Endpoint ep = m.endpoint;
            long rtt = m.rttNanos;
            long last = s.lastHandshakeMillis();
            members.add(new SwarmMember(m.peerId, Optional.ofNullable(ep).map(Endpoint::toString), path,
                    Optional.ofNullable(direct ? null : relay).map(r -> r.peerId),
                    rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt)),
                    last == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)),
                    new VpnStats(s.rxBytes(), s.txBytes(), s.rxPackets(), s.txPackets(), s.handshakes(), Map.of())));
            rxB += s.rxBytes();
            txB += s.txBytes();
            rxP += s.rxPackets();
            txP += s.txPackets();
            hs += s.handshakes();
        }
        members.sort((a, b) -> a.peerId().compareTo(b.peerId()));
        Map<DropCause, Long> drops = new EnumMap<>(DropCause.class);
        drops.putAll(p.crypto.drops().snapshot());
        for (DropCause c : DropCause.values()) {
            long u = unclaimed[c.ordinal()].sum();
            if (u > 0) {
                drops.merge(c, u, Long::sum);
            }
        }
        return new Swarm(p.id, p.tap.name(), members, new VpnStats(rxB, txB, rxP, txP, hs, drops));
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

    /** Waits until the receive thread has finished any batch that may still use a swarm just unpublished. */
    private void awaitReceiverPass() {
        long start = receiver.epoch;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (receiver.epoch < start + 2 && receiverThread.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = new File("/usr/sbin/ip").canExecute() ? "/usr/sbin/ip" : "/sbin/ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new VpnException("TUN_UNAVAILABLE", String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (java.io.IOException e) {
            throw new VpnException("TUN_UNAVAILABLE", "cannot run ip: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpnException("TUN_UNAVAILABLE", "interrupted while configuring the TAP", e);
        }
    }

    /** System.nanoTime() when {@link #start} had every thread running, 0 before (for the handover figures). */
    long forwardingSince() {
        return forwardingSince;
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
        return maintenance;
    }

    List<Endpoint> hints(String peerId) {
        return hints.getOrDefault(peerId, List.of());
    }

    /** A datagram no swarm claims: counted (in every swarm's snapshot) and dropped. */
    void unclaimed(ByteBuffer d) {
        int p = d.position();
        boolean routed = d.remaining() >= 8 && d.get(p) >= 2 && d.get(p) <= 4 && d.get(p + 1) == 0
                && d.get(p + 2) == 0 && d.get(p + 3) == 0;
        unclaimed[(routed ? DropCause.STALE_KEY : DropCause.MALFORMED).ordinal()].increment();
    }

    /** Another member saw us at {@code e}: our reflexive address (kept: the 4 most recent). */
    void observed(Endpoint e) {
        synchronized (reflexive) {
            if (!reflexive.isEmpty() && reflexive.get(0).equals(e)) {
                return;
            }
            reflexive.remove(e);
            reflexive.add(0, e);
            while (reflexive.size() > 4) {
                reflexive.remove(reflexive.size() - 1);
            }
        }
    }

    /** What this node announces in ENDPOINTS: reflexive addresses first, then local ones; at most 8. */
    List<Endpoint> candidates() {
        List<Endpoint> out = new ArrayList<>();
        synchronized (reflexive) {
            out.addAll(reflexive);
        }
        for (Endpoint e : localCandidates) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out.size() > Control.MAX_CANDIDATES ? out.subList(0, Control.MAX_CANDIDATES) : out;
    }

    /** This namespace's IPv4 addresses with the node's port, except loopback and the swarms' own TAPs. */
    void refreshLocalCandidates() {
        InetAddress bound = settings.bind().getAddress();
        List<Endpoint> out = new ArrayList<>();
        if (!bound.isAnyLocalAddress()) {
            out.add(Endpoint.of(new InetSocketAddress(bound, localPort)));
        } else {
            List<String> taps = Arrays.stream(planes).map(p -> p.tap.name()).toList();
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (!nic.isUp() || nic.isLoopback() || taps.contains(nic.getName())) {
                        continue;
                    }
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        if (a instanceof Inet4Address && out.size() < Control.MAX_CANDIDATES) {
                            out.add(Endpoint.of(new InetSocketAddress(a, localPort)));
                        }
                    }
                }
            } catch (SocketException e) {
                LOG.debug("cannot list interfaces", e);
            }
        }
        localCandidates = List.copyOf(out);
    }
}
