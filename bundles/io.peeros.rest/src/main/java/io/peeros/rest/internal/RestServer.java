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
 * opens, {@link #deactivate} closes, so the ports are free again afterwards. The container services, the
 * swarm service and the environment services are optional, dynamic references: they come and go without the
 * ports being rebound, and the paths that need them answer 503 while they are absent.
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
    }

    private final ContainerServices containers = new ContainerServices();
    private final VpnServices vpn = new VpnServices();
    private final EnvironmentServices environments = new EnvironmentServices();
    private final Services services;
    private RestSettings settings;
    private CxfRuntime running;

    @Activate
    public RestServer(@Reference(name = "identity") PeerIdentity identity,
            @Reference(name = "trust") TrustService trust,
            @Reference(name = "users") UserService users,
            @Reference(name = "tokens") TokenService tokens,
            @Reference(name = "registry") PeerRegistry registry,
            @Reference(name = "protocol") PeerProtocol protocol) {
        this.services = new Services(identity, trust, users, tokens, registry, protocol, containers, vpn,
                environments);
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
    synchronized void activate(Config config) {
        settings = RestSettings.of(config);
        environments.operations().start();
        try {
            start();
        } catch (RuntimeException e) {
            environments.operations().stop();
            throw e;
        }
    }

    /** Rebinds the ports only when the configuration really changed. */
    @Modified
    synchronized void modified(Config config) {
        RestSettings next = RestSettings.of(config);
        if (next.equals(settings)) {
            return;
        }
        stop();
        settings = next;
        start();
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        environments.operations().stop();
    }

    private void start() {
        CxfRuntime runtime = new CxfRuntime(RestServer.class.getClassLoader());
        try {
            runtime.publish(Endpoints.publicPort(settings, services));
            runtime.publish(Endpoints.peerPort(settings, services));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        running = runtime;
        LOG.info("REST API on https://{}:{}/api/v1 (public) and :{} (mutual TLS)", settings.host(),
                settings.publicPort(), settings.peerPort());
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
