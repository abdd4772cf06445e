package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.transport.HttpPeerTransport;
import io.peeros.registry.internal.transport.PeerTransport;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer registry: registration with other peers, their states and heartbeats; and calls to registered peers
 * for other bundles ({@link PeerClient}), over the same mutual-TLS client.
 */
@Component(service = {PeerRegistry.class, PeerProtocol.class, PeerClient.class},
        configurationPid = PeerRegistryService.PID)
@Designate(ocd = PeerRegistryService.Config.class)
public final class PeerRegistryService implements PeerRegistry, PeerProtocol, PeerClient {

    static final String PID = "io.peeros.registry.PeerRegistry";
    private static final Logger LOG = LoggerFactory.getLogger(PeerRegistryService.class);
    private static final int HEARTBEAT_THREADS = 4;

    @ObjectClassDefinition(name = "PeerOS peer registry",
            description = "Registration with other peers, their states and heartbeats.")
    public @interface Config {

        @AttributeDefinition(description = "The name other peers see; empty = this machine's host name.")
        String name() default "";

        @AttributeDefinition(description = "Where users and registering peers reach this peer; empty = "
                + "https://<first non-loopback IPv4 address>:8443.")
        String publicUrl() default "";

        @AttributeDefinition(description = "Where registered peers reach this peer over mutual TLS; empty = "
                + "the host of publicUrl on port 8444.")
        String peerUrl() default "";

        @AttributeDefinition(description = "Directory of registry.json; empty = ${karaf.data}/peeros/registry.")
        String stateDir() default "";

        @AttributeDefinition(description = "Seconds a registration request and its code stay valid.")
        int requestTtlSeconds() default 3600;

        @AttributeDefinition(description = "Wrong codes accepted per request before it is rejected.")
        int maxCodeTries() default 3;

        @AttributeDefinition(description = "Registration requests that may wait for approval at once.")
        int maxPendingRequests() default 32;

        @AttributeDefinition(description = "Seconds between heartbeats to each registered peer.")
        int heartbeatSeconds() default 10;

        @AttributeDefinition(description = "Failed heartbeats in a row after which a peer is OFFLINE.")
        int offlineAfterMisses() default 3;

        @AttributeDefinition(description = "Milliseconds to wait for a connection to another peer.")
        int connectTimeoutMillis() default 3000;

        @AttributeDefinition(description = "Milliseconds to wait for another peer's answer.")
        int requestTimeoutMillis() default 5000;
    }

    private final PeerIdentity identity;
    private final TrustService trust;
    private final Function<RegistrySettings, PeerTransport> transports;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SystemProbe probe = new SystemProbe(Path.of("/proc"));

    private volatile Running running;

    /** What one activation started; {@link #stop} ends it. */
    private record Running(Context ctx, Requester requester, Approver approver, Heartbeats heartbeats,
            Membership membership, ScheduledExecutorService scheduler, ExecutorService workers, String version) {

        void stop() {
            scheduler.shutdownNow();
            workers.shutdownNow();
            try {
                workers.awaitTermination(ctx.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.transport().close();
        }
    }

    @Activate
    public PeerRegistryService(@Reference(name = "identity") PeerIdentity identity,
            @Reference(name = "trust") TrustService trust) {
        this(identity, trust, s -> new HttpPeerTransport(identity, trust, s.connectTimeout(), s.requestTimeout()),
                Clock.systemUTC());
    }

    PeerRegistryService(PeerIdentity identity, TrustService trust,
            Function<RegistrySettings, PeerTransport> transports, Clock clock) {
        this.identity = identity;
        this.trust = trust;
        this.transports = transports;
        this.clock = clock;
    }

    @Activate
    void activate(Config config) {
        RegistrySettings settings = RegistrySettings.from(config);
        RegistryState state = new RegistryState(new RegistryStore(settings.stateDir()));
        state.load();
        PeerTransport transport = transports.apply(settings);
        Context ctx = new Context(identity, trust, settings, state, transport, clock, random);
        Requester requester = new Requester(ctx);
        Heartbeats heartbeats = new Heartbeats(ctx);
        Membership membership = new Membership(ctx, heartbeats);
        membership.revokeStaleTrust();
        Running started = new Running(ctx, requester, new Approver(ctx, requester::isPending), heartbeats,
                membership, Executors.newSingleThreadScheduledExecutor(threads("peeros-registry-heartbeat")),
                Executors.newFixedThreadPool(HEARTBEAT_THREADS, threads("peeros-registry-check")), version());
        long period = settings.heartbeat().toMillis();
        started.scheduler().scheduleWithFixedDelay(() -> tick(started, started.workers()), period, period,
                TimeUnit.MILLISECONDS);
        running = started;
        LOG.info("Peer registry of {} ({}) active at {} / {}, state in {}", settings.name(), identity.peerId(),
                settings.publicUrl(), settings.peerUrl(), settings.stateDir());
    }

    @Deactivate
    void deactivate() {
        Running stopping = running;
        running = null;
        if (stopping != null) {
            stopping.stop();
        }
    }

    @Override
    public PeerInfo localInfo() {
        Running r = running();
        RegistrySettings s = r.ctx().settings();
        SystemProbe.Capacity c = probe.read(s.stateDir());
        return new PeerInfo(identity.peerId(), s.name(), r.version(), s.publicUrl(), s.peerUrl(),
                Certificates.fingerprint(identity.certificate()), c.cpuCores(), c.ramBytes(), c.freeRamBytes(),
                c.diskBytes(), c.freeDiskBytes(), c.loadAverage());
    }

    @Override
    public OutgoingRegistration register(URI url) {
        return running().requester().register(url);
    }

    @Override
    public List<RegistrationRequest> requests() {
        return running().approver().requests();
    }

    @Override
    public RemotePeer approve(String peerId, String code) {
        return running().approver().approve(peerId, code);
    }

    @Override
    public void reject(String peerId) {
        Running r = running();
        String id = r.ctx().state().resolve(peerId);
        if (!r.approver().reject(id) && !r.requester().cancel(id)) {
            throw new RegistryException("PEER_UNKNOWN", "There is no pending registration with peer "
                    + describe(r, id) + ".");
        }
    }

    @Override
    public void unregister(String peerId) {
        running().membership().unregister(peerId);
    }

    @Override
    public List<RemotePeer> peers() {
        return running().ctx().state().peers().stream().map(PeerRecord::toApi)
                .sorted(Comparator.comparing(RemotePeer::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(RemotePeer::id))
                .toList();
    }

    @Override
    public Optional<RemotePeer> peer(String peerId) {
        RegistryState state = running().ctx().state();
        String id;
        try {
            id = state.resolve(peerId);
        } catch (RegistryException e) {
            if ("PEER_UNKNOWN".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
        return state.peer(id).map(PeerRecord::toApi);
    }

    @Override
    public RegistrationReply onRegistration(RegistrationMessage message, X509Certificate clientCertificate) {
        return running().approver().onRegistration(message, clientCertificate);
    }

    @Override
    public ConfirmReply onConfirm(String requestId, ConfirmMessage message, X509Certificate clientCertificate) {
        return running().requester().onConfirm(requestId, message, clientCertificate);
    }

    @Override
    public void onReject(String requestId, X509Certificate clientCertificate) {
        running().requester().onReject(requestId, clientCertificate);
    }

    @Override
    public PeerInfo onHeartbeat(X509Certificate clientCertificate) {
        running().membership().onHeartbeat(clientCertificate);
        return localInfo();
    }

    @Override
    public void onUnregister(X509Certificate clientCertificate) {
        running().membership().onUnregister(clientCertificate);
    }

    @Override
    public byte[] call(String peerId, String method, String path, byte[] jsonBody, Duration timeout) {
        Running r = running();
        PeerRecord peer = callable(r, peerId);
        return r.ctx().transport().call(peer.peerUrl(), peer.id(), method, path, jsonBody, timeout);
    }

    @Override
    public void download(String peerId, String path, Path target, long maxBytes, Duration timeout) {
        Running r = running();
        PeerRecord peer = callable(r, peerId);
        r.ctx().transport().download(peer.peerUrl(), peer.id(), path, target, maxBytes, timeout);
    }

    /** A registered peer with a mutual-TLS URL, or the refusal {@link #call} documents. */
    private PeerRecord callable(Running r, String peerId) {
        PeerRecord peer = peerId == null ? null : r.ctx().state().peer(peerId).orElse(null);
        if (peer == null || !peer.isRegistered()) {
            throw new RegistryException("PEER_UNKNOWN", "Peer " + (peer == null ? peerId : describe(r, peerId))
                    + " is not a registered peer (approved or offline); peer:list shows the known peers.");
        }
        if (peer.peerUrl() == null) {
            throw new RegistryException("PEER_UNREACHABLE", "No mutual-TLS URL is recorded for peer "
                    + describe(r, peerId) + ".");
        }
        return peer;
    }

    /** Runs one heartbeat round and waits for it: for tests, which do not wait for the scheduler. */
    void heartbeatNow() {
        Running r = running();
        tick(r, Runnable::run);
    }

    private void tick(Running r, Executor executor) {
        try {
            r.requester().expire();
            r.approver().expire();
            r.heartbeats().round(executor);
        } catch (RuntimeException e) {
            LOG.warn("Peer registry housekeeping failed: {}", e.toString(), e);
        }
    }

    private String describe(Running r, String id) {
        return r.ctx().state().peer(id).map(p -> p.name() + " (" + id + ", " + p.state() + ")").orElse(id);
    }

    private Running running() {
        Running r = running;
        if (r == null) {
            throw new RegistryException("REGISTRY_INACTIVE", "The peer registry is not active.");
        }
        return r;
    }

    private String version() {
        try {
            Bundle bundle = FrameworkUtil.getBundle(PeerRegistryService.class);
            return bundle == null ? "dev" : bundle.getVersion().toString();
        } catch (RuntimeException | LinkageError e) {
            return "dev";
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
