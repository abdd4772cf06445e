package io.peeros.vpn.internal.service;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import io.peeros.vpn.api.PathKind;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmMember;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.api.VpnStats;
import io.peeros.vpn.internal.crypto.StateMap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarms of this peer: validates and records what it is asked to join, makes each swarm's bridge, hands the
 * members' certificates to the data plane and keeps them current. Every {@code refreshSeconds} it re-reads trust
 * (a peer whose registration ended is cut off from every swarm) and the members' addresses from the registry.
 *
 * <p>Nothing stops forwarding when this component is deactivated (bundle update or restart, a mandatory
 * reference going away, a configuration change): the data plane is offered to the successor, which takes over
 * its socket, TAPs, sessions and paths without losing a packet; untaken within {@code handoverSeconds} it
 * closes (see {@code docs/vpn-dataplane.md}, "Live handover"). The bridges outlive this component too:
 * activation joins the recorded swarms again (finding them live after a handover) and removes bridges of this
 * peer (by their alias) that no record explains.
 *
 * <p>Activation returns at once: taking over the data plane and restoring the swarms (up to a second under load)
 * run on the component's own thread, so the framework's thread, which activates the other components after an
 * update, is not held. Operations arriving meanwhile wait for it, at most {@link #READY_WAIT}.
 */
@Component(service = SwarmService.class, configurationPid = VpnConfig.PID)
@Designate(ocd = VpnConfig.class)
public class SwarmServiceImpl implements SwarmService {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmServiceImpl.class);
    /** How long an operation waits for the data plane to be taken over or opened at activation. */
    static final Duration READY_WAIT = Duration.ofSeconds(5);
    /** How long deactivation waits for a start still running, so the data plane is offered, not torn apart. */
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final PeerIdentity identity;
    private final TrustService trust;
    /** Only for endpoint hints: optional and dynamic, so a registry update does not restart the VPN. */
    private volatile PeerRegistry registry;
    private final VpnSettings settings;
    private final HandoverBroker handover;
    private final HostLinks links;
    /** Set by {@link #start}, on the timer thread, before {@link #ready} completes; null if the start failed. */
    private volatile DataPlane dataPlane;
    private final SwarmStore store;
    private final ScheduledExecutorService timer;
    /** Completes when the data plane forwards and the recorded swarms are restored (exceptionally if not). */
    private final CompletableFuture<Void> ready;
    private final Map<String, SwarmRecord> joined = new TreeMap<>();
    private final Map<String, Map<String, X509Certificate>> applied = new HashMap<>();

    @Activate
    public SwarmServiceImpl(BundleContext context, @Reference PeerIdentity identity, @Reference TrustService trust,
            VpnConfig config) throws IOException {
        this(identity, trust, null, VpnSettings.from(config), new HostLinks(), null, new ServiceHandover(context));
    }

    /** For tests: {@code dataPlane} replaces the node the settings describe when not null; no handover. */
    SwarmServiceImpl(PeerIdentity identity, TrustService trust, PeerRegistry registry, VpnSettings settings,
            HostLinks links, DataPlane dataPlane) throws IOException {
        this(identity, trust, registry, settings, links, dataPlane, null);
    }

    /** {@code handover} null: deactivation closes the data plane; with {@code dataPlane} given nothing is taken over. */
    SwarmServiceImpl(PeerIdentity identity, TrustService trust, PeerRegistry registry, VpnSettings settings,
            HostLinks links, DataPlane dataPlane, HandoverBroker handover) throws IOException {
        this.identity = identity;
        this.trust = trust;
        this.registry = registry;
        this.settings = settings;
        this.links = links;
        this.handover = handover;
        this.store = new SwarmStore(settings.stateDirectory());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peeros-vpn-refresh");
            t.setDaemon(true);
            return t;
        });
        this.ready = CompletableFuture.runAsync(() -> start(dataPlane), timer);
        ready.whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("VPN data plane did not start: {}", e.getMessage(), e);
            }
        });
    }

    /** Takes over (or opens) the data plane and restores the recorded swarms; on the timer thread. */
    private void start(DataPlane given) {
        Map<String, Object> handedOver = given == null && handover != null ? handover.take() : null;
        try {
            DataPlane plane = given != null ? given : NodeDataPlane.open(settings, identity, handedOver);
            try {
                synchronized (this) {
                    dataPlane = plane;
                    restore();
                }
                timer.scheduleWithFixedDelay(this::refreshQuietly, settings.refreshSeconds(), settings.refreshSeconds(),
                        TimeUnit.SECONDS);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    dataPlane = null;
                    joined.clear();
                    applied.clear();
                }
                plane.close();
                throw e instanceof VpnException v ? v
                        : new VpnException("DATAPLANE_FAILED", "cannot start the VPN: " + e.getMessage(), e);
            }
            LOG.info("VPN on udp {}: {} swarm(s), TAP MTU {}{}", plane.localAddress(), joined.size(),
                    plane.tapMtu(), handedOver != null ? ", taken over live" : "");
        } finally {
            StateMap.wipe(handedOver);
        }
    }

    /**
     * Waits, at most {@link #READY_WAIT}, until the data plane taken over or opened at activation forwards.
     * Not while holding this object's lock: the start needs it.
     */
    void awaitReady() {
        try {
            ready.get(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new VpnException("DATAPLANE_STARTING", "the VPN data plane is still being taken over after "
                    + READY_WAIT.toSeconds() + " s; try again shortly");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            throw new VpnException("DATAPLANE_FAILED", "the VPN data plane did not start: " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpnException("DATAPLANE_FAILED", "interrupted while waiting for the VPN data plane to start");
        }
    }

    /** A registry (again): the members' addresses are read at once rather than at the next refresh. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRegistry")
    void bindRegistry(PeerRegistry r) {
        registry = r;
        try {
            timer.execute(this::refreshQuietly);
        } catch (RejectedExecutionException e) {
            LOG.debug("registry bound while stopping");
        }
    }

    void unbindRegistry(PeerRegistry r) {
        synchronized (this) {
            if (registry == r) {
                registry = null;
            }
        }
    }

    /** Offers the data plane, still forwarding, to the successor (closes it when it cannot be handed over). */
    @Deactivate
    public void deactivate() {
        // A start still running is let finish, never interrupted: an interrupt would close the channels it is
        // taking over, losing the data plane the predecessor handed over.
        try {
            ready.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("VPN data plane still starting after {} s at deactivation; stopping it", START_WAIT.toSeconds());
        } catch (ExecutionException e) {
            LOG.debug("deactivating a VPN that did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            DataPlane dataPlane = this.dataPlane;
            if (dataPlane == null) {
                return; // did not start (closed then) or still starting after START_WAIT: nothing to offer
            }
            if (handover != null && settings.handoverSeconds() > 0 && dataPlane.canHandOver()) {
                try {
                    handover.offer(dataPlane, Duration.ofSeconds(settings.handoverSeconds()));
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("cannot offer the VPN data plane for a handover, closing it: {}", e.toString());
                }
            }
            dataPlane.close();
        }
    }

    private synchronized void restore() throws IOException {
        List<String> problems = new ArrayList<>();
        List<SwarmRecord> live = new ArrayList<>();
        for (SwarmRecord record : store.load(problems)) {
            try {
                joinPlane(record);
                live.add(record);
            } catch (VpnException e) {
                problems.add("swarm " + record.id() + ": " + e.getMessage());
            }
            joined.put(record.id(), record);
        }
        // Forwarding resumes as soon as every recorded swarm's data plane is live again (after a handover,
        // nothing moves before); only then are the bridges checked, since with several ip processes per swarm
        // the pause would otherwise grow with the number of swarms. Safe: a handed-over TAP is still a port of
        // its bridge (the predecessor left both in place), so its frames move exactly as before the check,
        // which only repairs a bridge someone changed or deleted meanwhile. A TAP made afresh is in no bridge
        // until attached, as it always was between its creation and its enslaving.
        dataPlane.start();
        for (SwarmRecord record : live) {
            try {
                attach(record);
            } catch (VpnException e) {
                problems.add("swarm " + record.id() + ": " + e.getMessage());
            }
        }
        problems.forEach(p -> LOG.error("VPN state: {}", p));
        for (String bridge : links.linksStartingWith(SwarmNames.BRIDGE_PREFIX)) {
            if (owner().equals(links.alias(bridge))
                    && joined.keySet().stream().noneMatch(id -> SwarmNames.bridge(id).equals(bridge))) {
                LOG.info("removing bridge {}: no recorded swarm owns it", bridge);
                links.delete(bridge);
            }
        }
    }

    @Override
    public Swarm join(SwarmSpec spec) {
        awaitReady();
        synchronized (this) {
            return joinReady(spec);
        }
    }

    private Swarm joinReady(SwarmSpec spec) {
        String id = SwarmNames.checkId(spec.id());
        Optional<Ipv4Cidr> subnet = spec.subnet().map(Ipv4Cidr::parse);
        Set<String> members = new LinkedHashSet<>(spec.members());
        for (String member : members) {
            if (!member.equals(identity.peerId()) && trust.certificateOf(member).isEmpty()) {
                throw new VpnException("MEMBER_UNKNOWN", "member '" + member + "' of swarm " + id
                        + " is not a registered peer of this one (give full peer ids; see peer:list)");
            }
        }
        SwarmRecord existing = joined.get(id);
        if (existing != null) {
            if (spec.subnet().isPresent() && !subnet.equals(existing.subnet())) {
                throw new VpnException("SUBNET_CHANGED", "swarm " + id + " was joined with subnet "
                        + existing.subnet().map(Object::toString).orElse("(none)") + ", not " + spec.subnet().get()
                        + "; leave it first to change the subnet");
            }
            SwarmRecord updated = existing.withMembers(members);
            if (!updated.equals(existing)) {
                persist(updated);
                joined.put(id, updated);
                applyMembers(updated);
            }
            return snapshot(updated);
        }
        subnet.ifPresent(s -> checkOverlap(id, s));
        SwarmRecord record = new SwarmRecord(id, members, subnet);
        bringUp(record);
        try {
            persist(record);
        } catch (VpnException e) {
            tearDown(id);
            throw e;
        }
        joined.put(id, record);
        LOG.info("joined swarm {} with {} member(s){}", id, members.size(),
                subnet.map(s -> ", subnet " + s).orElse(""));
        return snapshot(record);
    }

    private void checkOverlap(String id, Ipv4Cidr subnet) {
        for (SwarmRecord other : joined.values()) {
            if (!other.id().equals(id) && other.subnet().isPresent() && other.subnet().get().overlaps(subnet)) {
                throw new VpnException("SUBNET_OVERLAP", "subnet " + subnet + " of swarm " + id
                        + " overlaps " + other.subnet().get() + " of swarm " + other.id());
            }
        }
        for (Ipv4Cidr local : links.hostNetworks()) {
            if (local.overlaps(subnet)) {
                throw new VpnException("SUBNET_OVERLAP", "subnet " + subnet + " of swarm " + id
                        + " overlaps " + local + ", a network of this host");
            }
        }
    }

    /** Makes the bridge, the TAP and the sessions; undoes what it made when a step fails. */
    private void bringUp(SwarmRecord record) {
        joinPlane(record);
        attach(record);
    }

    /** Joins the swarm's data plane (its TAP, up, in no bridge yet); {@link #attach} puts it into its bridge. */
    private void joinPlane(SwarmRecord record) {
        try {
            Map<String, X509Certificate> certificates = certificates(record);
            dataPlane.join(record.id(), SwarmNames.tap(record.id()), certificates);
            applied.put(record.id(), certificates);
        } catch (RuntimeException e) {
            throw failed(record, e);
        }
    }

    /** Makes sure the swarm's bridge exists and holds its TAP; on failure leaves the swarm (no partial state). */
    private void attach(SwarmRecord record) {
        String bridge = SwarmNames.bridge(record.id());
        boolean bridgeExisted = links.exists(bridge);
        try {
            links.ensureBridge(bridge, dataPlane.tapMtu(), owner());
            links.enslave(SwarmNames.tap(record.id()), bridge, dataPlane.tapMtu());
            hint(record.members());
        } catch (RuntimeException e) {
            dataPlane.leave(record.id());
            applied.remove(record.id());
            if (!bridgeExisted) {
                quietly(() -> links.delete(bridge));
            }
            throw failed(record, e);
        }
    }

    private static VpnException failed(SwarmRecord record, RuntimeException e) {
        return e instanceof VpnException v ? v
                : new VpnException("DATAPLANE_FAILED", "cannot join swarm " + record.id() + ": " + e.getMessage(), e);
    }

    /** The alias this peer gives its bridges: only bridges that carry it are ever swept. */
    private String owner() {
        return "peeros-vpn:" + identity.peerId();
    }

    private void applyMembers(SwarmRecord record) {
        Map<String, X509Certificate> certificates = certificates(record);
        if (!certificates.equals(applied.get(record.id()))) {
            dataPlane.setMembers(record.id(), certificates);
            applied.put(record.id(), certificates);
        }
        hint(record.members());
    }

    /** The recorded members that are still trusted, with the certificate trust holds for each. */
    private Map<String, X509Certificate> certificates(SwarmRecord record) {
        Map<String, X509Certificate> certificates = new HashMap<>();
        for (String member : record.members()) {
            if (member.equals(identity.peerId())) {
                continue;
            }
            trust.certificateOf(member).ifPresent(c -> certificates.put(member, c));
        }
        return certificates;
    }

    private void hint(Set<String> members) {
        PeerRegistry registry = this.registry;
        if (registry == null) {
            return; // hints already given stay with the data plane; refreshed when a registry is back
        }
        for (String member : members) {
            if (!member.equals(identity.peerId())) {
                registry.peer(member).ifPresent(p -> dataPlane.setEndpointHints(member, candidates(p)));
            }
        }
    }

    private List<InetSocketAddress> candidates(RemotePeer peer) {
        Set<InetSocketAddress> candidates = new LinkedHashSet<>();
        for (URI url : new URI[] {peer.peerUrl(), peer.publicUrl()}) {
            if (url == null || url.getHost() == null) {
                continue;
            }
            try {
                String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                        : url.getHost();
                candidates.add(new InetSocketAddress(InetAddress.getByName(host), settings.peerPort()));
            } catch (UnknownHostException e) {
                LOG.debug("cannot resolve {} of peer {}", url.getHost(), peer.id());
            }
        }
        return List.copyOf(candidates);
    }

    @Override
    public boolean leave(String swarmId) {
        SwarmNames.checkId(swarmId);
        awaitReady();
        synchronized (this) {
            return leaveReady(swarmId);
        }
    }

    private boolean leaveReady(String swarmId) {
        if (!joined.containsKey(swarmId)) {
            return false;
        }
        tearDown(swarmId);
        try {
            store.delete(swarmId);
        } catch (IOException e) {
            throw new VpnException("DATAPLANE_FAILED", "left swarm " + swarmId + " but cannot remove its record in "
                    + store.directory() + ": " + e.getMessage(), e);
        } finally {
            joined.remove(swarmId);
        }
        LOG.info("left swarm {}", swarmId);
        return true;
    }

    private void tearDown(String swarmId) {
        dataPlane.leave(swarmId);
        applied.remove(swarmId);
        quietly(() -> links.delete(SwarmNames.tap(swarmId)));
        links.delete(SwarmNames.bridge(swarmId));
    }

    @Override
    public List<Swarm> list() {
        awaitReady();
        synchronized (this) {
            return joined.values().stream().map(this::snapshot).toList();
        }
    }

    @Override
    public Optional<Swarm> get(String swarmId) {
        awaitReady();
        synchronized (this) {
            return Optional.ofNullable(joined.get(swarmId)).map(this::snapshot);
        }
    }

    private Swarm snapshot(SwarmRecord record) {
        Optional<String> subnet = record.subnet().map(Object::toString);
        String bridge = SwarmNames.bridge(record.id());
        return dataPlane.swarm(record.id())
                .map(s -> new Swarm(s.id(), s.interfaceName(), s.members(), s.stats(), bridge, subnet, dataPlane.tapMtu()))
                .orElseGet(() -> new Swarm(record.id(), "", record.members().stream()
                        .filter(m -> !m.equals(identity.peerId()))
                        .map(m -> new SwarmMember(m, Optional.empty(), PathKind.NONE, Optional.empty(),
                                Optional.empty(), Optional.empty(), VpnStats.EMPTY))
                        .toList(), VpnStats.EMPTY, bridge, subnet));
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("VPN refresh failed: {}", e.getMessage(), e);
        }
    }

    /** Re-reads trust and addresses; retries swarms whose interfaces could not be made. */
    synchronized void refresh() {
        if (dataPlane == null) {
            return; // not started (a registry bound meanwhile queues a refresh behind the start)
        }
        for (SwarmRecord record : joined.values()) {
            if (!applied.containsKey(record.id())) {
                try {
                    bringUp(record);
                    LOG.info("swarm {} is up again", record.id());
                } catch (VpnException e) {
                    LOG.warn("swarm {} still down: {}", record.id(), e.getMessage());
                }
                continue;
            }
            applyMembers(record);
        }
    }

    private void persist(SwarmRecord record) {
        try {
            store.save(record);
        } catch (IOException e) {
            throw new VpnException("DATAPLANE_FAILED", "cannot record swarm " + record.id() + " in "
                    + store.directory() + ": " + e.getMessage(), e);
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("cleanup step failed", e);
        }
    }
}
