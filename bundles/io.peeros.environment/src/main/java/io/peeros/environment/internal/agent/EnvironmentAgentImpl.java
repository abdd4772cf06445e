package io.peeros.environment.internal.agent;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.container.api.NetworkAttachment;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateStore;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.AgentContainer;
import io.peeros.environment.api.peer.Capacity;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.api.peer.PrepareRequest;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import io.peeros.vpn.api.SwarmSpec;
import io.peeros.vpn.api.VpnException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's part of environments: a record per environment (written before anything is made, so a crash
 * leaves something to clean), its swarm, and its containers. Only the builder recorded at {@code prepare} may
 * act on an environment afterwards.
 */
@Component(service = EnvironmentAgent.class, configurationPid = "io.peeros.environment.EnvironmentAgentImpl")
@Designate(ocd = EnvironmentAgentImpl.Config.class)
public class EnvironmentAgentImpl implements EnvironmentAgent {

    @ObjectClassDefinition(name = "PeerOS environment agent")
    public @interface Config {
        @AttributeDefinition(description = "Where the records of the hosted environments are kept")
        String stateDirectory() default "${karaf.data}/peeros/environments/hosted";

        @AttributeDefinition(description = "The largest template archive fetched from another peer, in MiB")
        long templateFetchMaxMiB() default 4096;

        @AttributeDefinition(description = "How long fetching a template from one peer may take, in seconds")
        long templateFetchTimeoutSeconds() default 300;

        @AttributeDefinition(description = "Seconds a builder's reservation is held after its last call")
        long reservationExpirySeconds() default 3600;

        @AttributeDefinition(description = "Seconds after which an environment whose builder is gone is removed: "
                + "one that never became HEALTHY when its builder has been silent that long, a HEALTHY one when its "
                + "builder has been unregistered that long")
        long orphanGraceSeconds() default 86400;

        @AttributeDefinition(description = "Seconds between two sweeps for orphan environments and expired "
                + "reservations")
        long orphanSweepSeconds() default 300;

        @AttributeDefinition(description = "The CPU limits this peer admits in total, in percent of its CPUs "
                + "(400: four times as much CPU time as it has, since a CPU limit is a ceiling, not a share held)")
        int cpuOvercommitPercent() default 400;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentAgentImpl.class);
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Duration CONTACT_RESOLUTION = Duration.ofMinutes(1);

    private final ContainerManager containers;
    private final SwarmService swarms;
    private final TemplateStore templates;
    private final PeerIdentity identity;
    private final HostedRecords records;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile QuotaService quotas;

    /** What is free; without it nothing is known to be free (see {@link #capacity}). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile MetricsService metrics;

    /** Fetches the templates this peer lacks from the peers that have them; without it they must be here. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PeerClient peerClient;

    /** Tells unregistered builders from unreachable ones; without it only silence counts (see OrphanSweep). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PeerRegistry registry;
    private final TemplateFetcher fetcher;
    private final Config config;
    private final AgentLedger ledger;
    private final OrphanSweep sweep;
    private ScheduledExecutorService sweeper;

    @Activate
    public EnvironmentAgentImpl(@Reference(name = "containers") ContainerManager containers,
            @Reference(name = "swarms") SwarmService swarms, @Reference(name = "templates") TemplateStore templates,
            @Reference(name = "identity") PeerIdentity identity, Config config) {
        this.containers = containers;
        this.swarms = swarms;
        this.templates = templates;
        this.identity = identity;
        Path state = AtomicFiles.configured(config.stateDirectory());
        this.records = new HostedRecords(state);
        this.fetcher = new TemplateFetcher(templates, () -> peerClient, state,
                Math.max(1, config.templateFetchMaxMiB()) << 20,
                Duration.ofSeconds(Math.max(1, config.templateFetchTimeoutSeconds())), identity.peerId());
        this.config = config;
        this.ledger = new AgentLedger(records, () -> metrics, config.cpuOvercommitPercent(), reservationExpiry(),
                abbreviated(identity.peerId()));
        this.sweep = new OrphanSweep(identity.peerId(), records, () -> registry, reservationExpiry(),
                Duration.ofSeconds(Math.max(1, config.orphanGraceSeconds())),
                (id, action) -> {
                    synchronized (lock(id)) {
                        action.run();
                    }
                }, this::remove);
    }

    /** Starts the sweeps for orphans and expired reservations. */
    @Activate
    void activate() {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peeros-environment-orphans");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.orphanSweepSeconds());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep(Instant.now());
            } catch (RuntimeException e) {
                LOG.error("The sweep for orphan environments failed: {}", e.getMessage(), e);
            }
        }, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /**
     * Releases expired reservations and removes the environments whose builder is gone, as of {@code now} (the
     * scheduler passes the time; tests pass a later one). Returns how many environments were removed.
     */
    public int sweep(Instant now) {
        return sweep.sweep(now);
    }



    @Override
    public void prepare(String caller, PrepareRequest request) {
        if (!HostedRecords.validId(request.environmentId())) {
            throw new EnvironmentException("INVALID_REQUEST", "'" + request.environmentId()
                    + "' is not an environment id: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        synchronized (lock(request.environmentId())) {
            Optional<HostedRecord> existing = records.get(request.environmentId());
            if (existing.isPresent()) {
                HostedRecord record = authorized(caller, existing.get());
                if (!record.subnet().equals(request.subnet())) {
                    throw new EnvironmentException("INVALID_REQUEST", "environment " + record.environmentId()
                            + " has subnet " + record.subnet() + " here, not " + request.subnet());
                }
                HostedRecord updated = record.withMembers(request.members()).contacted(Instant.now());
                if (request.reservation() != null) {
                    updated = ledger.reserve(updated, request.reservation());
                }
                if (Boolean.TRUE.equals(request.committed())) {
                    updated = updated.committedNow();
                }
                join(updated);
                records.put(updated);
                return;
            }
            HostedRecord record = HostedRecord.created(request.environmentId(), request.name(), caller,
                    request.subnet(), request.members(), request.reservation());
            if (Boolean.TRUE.equals(request.committed())) {
                record = record.committedNow();
            }
            record = request.reservation() == null ? record : ledger.reserve(record, request.reservation());
            records.put(record);
            try {
                join(record);
            } catch (RuntimeException e) {
                records.remove(record.environmentId());
                throw e;
            }
        }
    }

    private Duration reservationExpiry() {
        return Duration.ofSeconds(Math.max(1, config.reservationExpirySeconds()));
    }

    @Override
    public AgentContainer createContainer(String caller, String environmentId, ContainerRequest request) {
        String name = request.name();
        if (!CONTAINER_NAME.matcher(name).matches()) {
            throw new EnvironmentException("INVALID_REQUEST", "'" + name
                    + "' is not a container name: a-z, 0-9 and '-', starting with a letter, at most 63");
        }
        HostedRecord record;
        synchronized (lock(environmentId)) {
            record = required(caller, environmentId);
            if (!record.containers().contains(name)) {
                if (exists(name)) {
                    throw new EnvironmentException("INVALID_REQUEST", "peer " + shortId()
                            + " has a container '" + name + "' that is not part of environment " + environmentId);
                }
                record = ledger.commit(record, name, request.quota());
            }
        }
        HostedRecord joined = record;
        Swarm swarm = swarms.get(environmentId).filter(s -> !s.bridge().isEmpty()).orElseGet(() -> join(joined));
        if (!exists(name)) {
            containers.create(name, fetcher.template(request.template(), request.templateSources()));
        }
        ContainerInfo info = containers.info(name);
        if (!request.hostname().equals(info.hostname())) {
            containers.setHostname(name, request.hostname());
        }
        QuotaService quotaService = quotas;
        if (!request.quota().isNone()) {
            if (quotaService != null) {
                quotaService.setQuota(name, request.quota());
            } else {
                LOG.warn("No quota service: container {} of environment {} runs without the limits {}", name,
                        environmentId, request.quota());
            }
        }
        NetworkAttachment attachment = new NetworkAttachment(swarm.bridge(), request.address(),
                swarm.mtu() > 0 ? swarm.mtu() : NetworkAttachment.DEFAULT_MTU, null);
        NetworkAttachment current = info.attachments().values().stream()
                .filter(a -> a.bridge().equals(swarm.bridge())).findFirst().orElse(null);
        if (current != null && !current.address().equals(attachment.address())) {
            containers.detach(name, swarm.bridge());
            current = null;
        }
        if (current == null) {
            containers.attach(name, attachment);
        }
        mapPorts(environmentId, name, request.ports());
        if (containers.state(name) != ContainerState.RUNNING) {
            info = containers.start(name);
        }
        return new AgentContainer(name, containers.state(name).name(), attachment.address());
    }

    /**
     * Makes the container's port mappings those asked for: the manager holds them (and drops them with the
     * container), so they are the record. Mapping an existing identical one is a no-op.
     */
    private void mapPorts(String environmentId, String name, List<PortMapping> wanted) {
        for (PortMapping m : containers.ports(name)) {
            if (wanted.stream().noneMatch(w -> same(w, m))) {
                containers.unmapPort(name, m.protocol(), m.hostPort());
            }
        }
        for (PortMapping m : wanted) {
            try {
                containers.mapPort(name, m.protocol(), m.hostPort(), m.containerPort());
            } catch (ContainerException e) {
                throw new EnvironmentException(e.code(), "container " + name + " of environment " + environmentId
                        + " on peer " + shortId() + ": cannot map host port " + m.hostPort() + "/"
                        + m.protocol().lowerCase() + " to port " + m.containerPort() + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean same(PortMapping a, PortMapping b) {
        return a.protocol() == b.protocol() && a.hostPort() == b.hostPort() && a.containerPort() == b.containerPort();
    }

    @Override
    public void configure(String caller, String environmentId, ConfigureRequest request) {
        HostedRecord record = required(caller, environmentId);
        List<String> hosts = GuestFiles.hostsLines(request.hosts());
        ExecRequest write = GuestFiles.configure(hosts, request.sshKeys(), null, null, null);
        for (String name : record.containers()) {
            checked(name, containers.exec(name, write), "/etc/hosts and /root/.ssh/authorized_keys");
        }
    }

    @Override
    public ExecResult exec(String caller, String environmentId, String container, ExecRequest request) {
        HostedRecord record = required(caller, environmentId);
        if (!record.containers().contains(container)) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + environmentId
                    + " has no container '" + container + "' on peer " + shortId());
        }
        return containers.exec(container, request);
    }

    @Override
    public Quota setQuota(String caller, String environmentId, String container, Quota quota) {
        QuotaService service = member(caller, environmentId, container);
        synchronized (lock(environmentId)) {
            HostedRecord record = required(caller, environmentId);
            Quota before = service.quota(container);
            if (before.equals(quota)) {
                return quota;
            }
            return ledger.resize(record, container, before, quota, q -> service.setQuota(container, q));
        }
    }

    @Override
    public Quota quota(String caller, String environmentId, String container) {
        return member(caller, environmentId, container).quota(container);
    }

    /** The quota service, once the container is known to belong to the environment. */
    private QuotaService member(String caller, String environmentId, String container) {
        HostedRecord record = required(caller, environmentId);
        if (!record.containers().contains(container)) {
            throw new EnvironmentException("INVALID_REQUEST", "environment " + environmentId
                    + " has no container '" + container + "' on peer " + shortId());
        }
        QuotaService service = quotas;
        if (service == null) {
            throw new EnvironmentException("QUOTAS_UNAVAILABLE", "peer " + shortId()
                    + " runs no quota service: the limits of its containers cannot be read or changed");
        }
        return service;
    }

    @Override
    public void removeContainer(String caller, String environmentId, String container) {
        synchronized (lock(environmentId)) {
            HostedRecord record = required(caller, environmentId);
            if (!record.containers().contains(container)) {
                return;
            }
            destroy(container);
            records.put(record.withoutContainer(container));
        }
    }

    @Override
    public void release(String caller, String environmentId) {
        synchronized (lock(environmentId)) {
            Optional<HostedRecord> found = records.get(environmentId);
            if (found.isEmpty()) {
                return;
            }
            remove(authorized(caller, found.get()));
        }
    }

    /** Destroys the environment's containers, leaves its swarm and forgets it; under the environment's lock. */
    private void remove(HostedRecord record) {
        String environmentId = record.environmentId();
        for (String name : record.containers()) {
            destroy(name);
        }
        try {
            swarms.leave(environmentId);
        } catch (VpnException e) {
            if (swarms.get(environmentId).isPresent()) {
                throw new EnvironmentException("SWARM_FAILED", "peer " + shortId() + " could not leave swarm "
                        + environmentId + ": " + e.getMessage(), e);
            }
        }
        records.remove(environmentId);
    }

    @Override
    public List<HostedEnvironment> hosted() {
        return records.all().stream().map(HostedRecord::toApi)
                .sorted((a, b) -> a.environmentId().compareTo(b.environmentId())).toList();
    }

    @Override
    public Capacity capacity() {
        Set<String> names = new HashSet<>();
        for (TemplateInfo t : templates.list()) {
            names.add(t.name());
            names.add(t.id());
        }
        MetricsService m = metrics;
        int count = containers.list().size();
        if (m == null) {
            // without metrics nothing is known to be free: constraints on free RAM or disk exclude this peer
            return new Capacity(identity.peerId(), Runtime.getRuntime().availableProcessors(), 0, 0, count, names);
        }
        HostMetrics host = m.host();
        Ledger.Free free = ledger.free(null);
        return new Capacity(identity.peerId(), host.cpus(), Math.max(0, free.memoryBytes()),
                Math.max(0, free.diskBytes()), count, names);
    }

    private Swarm join(HostedRecord record) {
        try {
            return swarms.join(new SwarmSpec(record.environmentId(), record.members(), Optional.of(record.subnet())));
        } catch (VpnException e) {
            String code = "SUBNET_OVERLAP".equals(e.code()) || "MEMBER_UNKNOWN".equals(e.code()) ? e.code()
                    : "SWARM_FAILED";
            throw new EnvironmentException(code, "peer " + shortId() + " could not join swarm "
                    + record.environmentId() + " (" + record.subnet() + "): " + e.getMessage(), e);
        }
    }

    private void destroy(String container) {
        try {
            containers.destroy(container);
        } catch (ContainerException e) {
            if (!ContainerException.NOT_FOUND.equals(e.code())) {
                throw e;
            }
        }
    }

    private boolean exists(String container) {
        try {
            containers.info(container);
            return true;
        } catch (ContainerException e) {
            if (ContainerException.NOT_FOUND.equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    private void checked(String container, ExecResult result, String file) {
        if (result.exitCode() != 0) {
            throw new EnvironmentException("CONFIGURE_FAILED", "could not write " + file + " in container "
                    + container + " on peer " + shortId() + " (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
    }

    private HostedRecord required(String caller, String environmentId) {
        HostedRecord record = authorized(caller, records.get(environmentId).orElseThrow(() -> new EnvironmentException(
                "ENVIRONMENT_NOT_FOUND", "peer " + shortId() + " hosts no environment " + environmentId)));
        Instant now = Instant.now();
        if (record.lastContact().plus(CONTACT_RESOLUTION).isBefore(now)) {
            // what the orphan sweep goes by; written at most once a minute, not at every exec
            synchronized (lock(environmentId)) {
                record = records.get(environmentId).orElse(record).contacted(now);
                records.put(record);
            }
        }
        return record;
    }

    private HostedRecord authorized(String caller, HostedRecord record) {
        if (!record.builderPeerId().equals(caller)) {
            throw new EnvironmentException("NOT_INITIATOR", "environment " + record.environmentId()
                    + " is managed by peer " + abbreviated(record.builderPeerId()) + ", not by "
                    + abbreviated(caller));
        }
        return record;
    }

    private Object lock(String environmentId) {
        return locks.computeIfAbsent(environmentId, k -> new Object());
    }

    private String shortId() {
        return abbreviated(identity.peerId());
    }

    private static String abbreviated(String peerId) {
        return peerId == null ? "(unknown)" : peerId.length() > 12 ? peerId.substring(0, 12) : peerId;
    }
}
