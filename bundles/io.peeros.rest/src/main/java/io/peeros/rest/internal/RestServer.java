package io.peeros.rest.internal;

import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.MetricsService;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.TemplateStore;
import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TokenService;
import io.peeros.identity.api.TrustService;
import io.peeros.identity.api.UserService;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.upgrade.api.UpgradeService;
import io.peeros.vpn.api.SwarmService;
import io.peeros.rest.internal.handover.PortHandover;
import io.peeros.rest.internal.handover.ServicePortHandover;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the two HTTPS ports of a peer on CXF's Jetty transport: the public port (users, and the first
 * contact of a registering peer) and the mutual-TLS port (approved peers only). Whatever {@link #activate}
 * opens, {@link #deactivate} closes, so the ports are free again afterwards. Every service is a dynamic
 * reference, so updating the bundle that provides one never rebinds the ports: the core services (identity,
 * trust, users, tokens, registry) must all have arrived before the ports open, and a request made while one of
 * them is being replaced waits for the new one ({@code serviceWaitMillis}); the container services, the swarm
 * service and the environment services are optional, and the paths that need them answer 503 while they are
 * absent. When the component deactivates (its bundle is updated or replaced) the listening sockets are not
 * closed but offered to the next instance for {@code handoverMillis}: connections that arrive meanwhile wait in
 * the kernel's backlog instead of being refused.
 */
@Component(configurationPid = RestServer.PID, service = {})
@Designate(ocd = RestServer.Config.class)
public final class RestServer {

    static final String PID = "io.peeros.rest.RestServer";

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    /** The configuration of both ports. */
    @ObjectClassDefinition(name = "PeerOS REST server",
            description = "The HTTPS ports of the REST API: users and registration, and mutual TLS between peers.")
    public @interface Config {

        @AttributeDefinition(description = "Address both ports listen on (0.0.0.0 for all IPv4 addresses).")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "Public HTTPS port: the user API and peer registration.")
        int publicPort() default 8443;

        @AttributeDefinition(description = "Mutual-TLS port for approved peers.")
        int peerPort() default 8444;

        @AttributeDefinition(description = "Unauthenticated POSTs (token, registration) allowed per client address "
                + "in a burst.")
        int rateLimitRequests() default 10;

        @AttributeDefinition(description = "Seconds in which the burst of unauthenticated POSTs is refilled.")
        int rateLimitSeconds() default 10;

        @AttributeDefinition(description = "Milliseconds a request waits for a core service (identity, trust, users, "
                + "tokens, registry) that is being replaced, e.g. while its bundle is updated, before it answers 503.")
        int serviceWaitMillis() default 3000;

        @AttributeDefinition(description = "Milliseconds the listening sockets of a deactivated server stay open for "
                + "its successor (the same bundle updated or replaced) before they are closed.")
        int handoverMillis() default 10000;
    }

    private final ContainerServices containers = new ContainerServices();
    private final VpnServices vpn = new VpnServices();
    private final EnvironmentServices environments = new EnvironmentServices();
    private final ServiceSlot<PeerIdentity> identity = new ServiceSlot<>(PeerIdentity.class, "IDENTITY_UNAVAILABLE");
    private final ServiceSlot<TrustService> trust = new ServiceSlot<>(TrustService.class, "TRUST_UNAVAILABLE");
    private final ServiceSlot<UserService> users = new ServiceSlot<>(UserService.class, "USERS_UNAVAILABLE");
    private final ServiceSlot<TokenService> tokens = new ServiceSlot<>(TokenService.class, "TOKENS_UNAVAILABLE");
    private final ServiceSlot<PeerRegistry> registry = new ServiceSlot<>(PeerRegistry.class, "REGISTRY_UNAVAILABLE");
    private final ServiceSlot<PeerProtocol> protocol = new ServiceSlot<>(PeerProtocol.class, "REGISTRY_UNAVAILABLE");
    private final Services services;
    private RestSettings settings;
    private CxfRuntime running;
    private PortHandover handover = PortHandover.NONE;

    /** DS: the core services arrive through their bind methods. */
    public RestServer() {
        this.services = new Services(identity.proxy(), trust.proxy(), users.proxy(), tokens.proxy(),
                registry.proxy(), protocol.proxy(), containers, vpn, environments);
    }

    /** With the core services bound from the start (tests). */
    RestServer(PeerIdentity identity, TrustService trust, UserService users, TokenService tokens,
            PeerRegistry registry, PeerProtocol protocol) {
        this();
        this.identity.bind(identity);
        this.trust.bind(trust);
        this.users.bind(users);
        this.tokens.bind(tokens);
        this.registry.bind(registry);
        this.protocol.bind(protocol);
    }

    // The core services are optional and dynamic, not mandatory: when the identity or registry bundle is updated,
    // its services go away for a fraction of a second, and a mandatory reference would close both ports for
    // that time. The ports open once all of them are there, and stay open; a request made while one is being
    // replaced waits for it (ServiceSlot).
    @Reference(name = "identity", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindIdentity")
    void bindIdentity(PeerIdentity service) {
        identity.bind(service);
        openWhenReady();
    }

    void unbindIdentity(PeerIdentity service) {
        identity.unbind(service);
    }

    @Reference(name = "trust", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTrust")
    void bindTrust(TrustService service) {
        trust.bind(service);
        openWhenReady();
    }

    void unbindTrust(TrustService service) {
        trust.unbind(service);
    }

    @Reference(name = "users", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindUsers")
    void bindUsers(UserService service) {
        users.bind(service);
        openWhenReady();
    }

    void unbindUsers(UserService service) {
        users.unbind(service);
    }

    @Reference(name = "tokens", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTokens")
    void bindTokens(TokenService service) {
        tokens.bind(service);
        openWhenReady();
    }

    void unbindTokens(TokenService service) {
        tokens.unbind(service);
    }

    @Reference(name = "registry", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRegistry")
    void bindRegistry(PeerRegistry service) {
        registry.bind(service);
        openWhenReady();
    }

    void unbindRegistry(PeerRegistry service) {
        registry.unbind(service);
    }

    @Reference(name = "protocol", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindProtocol")
    void bindProtocol(PeerProtocol service) {
        protocol.bind(service);
        openWhenReady();
    }

    void unbindProtocol(PeerProtocol service) {
        protocol.unbind(service);
    }

    @Reference(name = "containerManager", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindContainerManager")
    void bindContainerManager(ContainerManager manager) {
        containers.bind(manager);
    }

    void unbindContainerManager(ContainerManager manager) {
        containers.unbind(manager);
    }

    @Reference(name = "templateStore", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindTemplateStore")
    void bindTemplateStore(TemplateStore store) {
        containers.bind(store);
    }

    void unbindTemplateStore(TemplateStore store) {
        containers.unbind(store);
    }

    @Reference(name = "quotaService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindQuotaService")
    void bindQuotaService(QuotaService quotas) {
        containers.bind(quotas);
    }

    void unbindQuotaService(QuotaService quotas) {
        containers.unbind(quotas);
    }

    @Reference(name = "metricsService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMetricsService")
    void bindMetricsService(MetricsService metrics) {
        containers.bind(metrics);
    }

    void unbindMetricsService(MetricsService metrics) {
        containers.unbind(metrics);
    }

    @Reference(name = "swarmService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindSwarmService")
    void bindSwarmService(SwarmService swarms) {
        vpn.bind(swarms);
    }

    void unbindSwarmService(SwarmService swarms) {
        vpn.unbind(swarms);
    }

    @Reference(name = "environmentService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindEnvironmentService")
    void bindEnvironmentService(EnvironmentService service) {
        environments.bind(service);
    }

    void unbindEnvironmentService(EnvironmentService service) {
        environments.unbind(service);
    }

    @Reference(name = "blueprintParser", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindBlueprintParser")
    void bindBlueprintParser(BlueprintParser parser) {
        environments.bind(parser);
    }

    void unbindBlueprintParser(BlueprintParser parser) {
        environments.unbind(parser);
    }

    @Reference(name = "environmentAgent", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindEnvironmentAgent")
    void bindEnvironmentAgent(EnvironmentAgent agent) {
        environments.bind(agent);
    }

    void unbindEnvironmentAgent(EnvironmentAgent agent) {
        environments.unbind(agent);
    }

    @Activate
    synchronized void activate(BundleContext context, Config config) {
        if (config.handoverMillis() < 0) {
            throw new IllegalArgumentException("handoverMillis must be 0 or more, not " + config.handoverMillis());
        }
        handover = new ServicePortHandover(context, Duration.ofMillis(config.handoverMillis()));
        activateWith(config);
    }

    /** Where the ports go on deactivation and come from on activation (tests; SCR uses the service registry). */
    synchronized void handOverThrough(PortHandover handover) {
        this.handover = handover;
    }

    /**
     * Activation with the handover set by {@link #handOverThrough} (tests). Not an overload of {@code activate}:
     * SCR would be free to pick either.
     */
    synchronized void activateWith(Config config) {
        RestSettings parsed = RestSettings.of(config);
        applyWait(config);
        settings = parsed;
        environments.operations().start();
        try {
            if (coreServicesPresent()) {
                start();
            }
        } catch (RuntimeException e) {
            environments.operations().stop();
            settings = null;
            throw e;
        }
    }

    /** Rebinds the ports only when the configuration really changed. */
    @Modified
    synchronized void modified(Config config) {
        RestSettings next = RestSettings.of(config);
        applyWait(config);
        if (next.equals(settings)) {
            return;
        }
        stop();
        settings = next;
        if (coreServicesPresent()) {
            start();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (running != null) {
            Map<Integer, ServerSocketChannel> open = running.handOver();
            running = null;
            handover.offer(open);
        }
        settings = null;
        environments.operations().stop();
    }

    /** Opens the ports once activated and every core service has arrived (at start-up they come in any order). */
    private synchronized void openWhenReady() {
        if (settings == null || running != null || !coreServicesPresent()) {
            return;
        }
        try {
            start();
        } catch (RuntimeException e) {
            LOG.error("Cannot open the REST ports: {}", e.getMessage(), e);
        }
    }

    private boolean coreServicesPresent() {
        return identity.present() && trust.present() && users.present() && tokens.present() && registry.present()
                && protocol.present();
    }

    private void applyWait(Config config) {
        if (config.serviceWaitMillis() < 0) {
            throw new IllegalArgumentException("serviceWaitMillis must be 0 or more, not " + config.serviceWaitMillis());
        }
        for (ServiceSlot<?> slot : List.of(identity, trust, users, tokens, registry, protocol)) {
            slot.waitAtMost(Duration.ofMillis(config.serviceWaitMillis()));
        }
    }

    private void start() {
        Map<Integer, ServerSocketChannel> inherited = usable(handover.take());
        CxfRuntime runtime = new CxfRuntime(RestServer.class.getClassLoader());
        try {
            runtime.publish(Endpoints.publicPort(settings, services), inherited.remove(settings.publicPort()));
            runtime.publish(Endpoints.peerPort(settings, services), inherited.remove(settings.peerPort()));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        } finally {
            PortHandover.NONE.offer(inherited);
        }
        running = runtime;
        LOG.info("REST API on https://{}:{}/api/v1 (public) and :{} (mutual TLS)", settings.host(),
                settings.publicPort(), settings.peerPort());
    }

    /** The taken-over sockets bound to the configured address; the others are closed. */
    private Map<Integer, ServerSocketChannel> usable(Map<Integer, ServerSocketChannel> taken) {
        Map<Integer, ServerSocketChannel> usable = new HashMap<>();
        for (Map.Entry<Integer, ServerSocketChannel> e : taken.entrySet()) {
            ServerSocketChannel channel = e.getValue();
            if (channel.isOpen() && boundTo(channel, new InetSocketAddress(settings.host(), e.getKey()))) {
                usable.put(e.getKey(), channel);
            } else {
                LOG.info("Port {} taken over but not configured here any more: closed", e.getKey());
                PortHandover.NONE.offer(Map.of(e.getKey(), channel));
            }
        }
        return usable;
    }

    private static boolean boundTo(ServerSocketChannel channel, InetSocketAddress wanted) {
        try {
            SocketAddress local = channel.getLocalAddress();
            // a socket bound to 0.0.0.0 reports the IPv6 wildcard (dual stack): any wildcard matches any wildcard
            return local instanceof InetSocketAddress bound && bound.getPort() == wanted.getPort()
                    && (wanted.getAddress() == null || bound.getAddress().equals(wanted.getAddress())
                            || bound.getAddress().isAnyLocalAddress() && wanted.getAddress().isAnyLocalAddress());
        } catch (IOException e) {
            return false;
        }
    }

    private void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Reference(name = "upgradeService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindUpgradeService")
    void bindUpgradeService(UpgradeService service) {
        services.upgrades().bind(service);
    }

    void unbindUpgradeService(UpgradeService service) {
        services.upgrades().unbind(service);
    }
}
