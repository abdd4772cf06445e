package io.peeros.rest.internal;

import io.peeros.rest.internal.error.ApiExceptionMapper;
import io.peeros.rest.internal.error.BlueprintExceptionMapper;
import io.peeros.rest.internal.error.ContainerExceptionMapper;
import io.peeros.rest.internal.error.EnvironmentExceptionMapper;
import io.peeros.rest.internal.error.IdentityExceptionMapper;
import io.peeros.rest.internal.error.JsonExceptionMapper;
import io.peeros.rest.internal.error.RegistryExceptionMapper;
import io.peeros.rest.internal.error.UpgradeExceptionMapper;
import io.peeros.rest.internal.error.UnexpectedExceptionMapper;
import io.peeros.rest.internal.error.VpnExceptionMapper;
import io.peeros.rest.internal.error.WebApplicationExceptionMapper;
import io.peeros.rest.internal.json.Json;
import io.peeros.rest.internal.security.AccessFeature;
import io.peeros.rest.internal.security.BodyLimitFilter;
import io.peeros.rest.internal.security.NoWadl;
import io.peeros.rest.internal.security.RateLimiter;
import io.peeros.rest.internal.tls.ClientCertificateProvider;
import io.peeros.rest.internal.tls.TlsParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.jaxrs.sse.SseFeature;

/** What each port serves: which resources, with which providers and TLS policy. */
final class Endpoints {

    /** The largest request body accepted; a registration message with its certificate is about 2 KiB. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    /** The largest body of {@code POST /environments}: a blueprint of up to 1 MiB characters, as JSON text. */
    static final long MAX_BLUEPRINT_BODY_BYTES = 4L * 1024 * 1024;

    private Endpoints() {
    }

    /**
     * The public port: the user API behind bearer tokens (peers, users, containers, templates, swarms), the
     * token endpoint, the registration part of the peer protocol and the OpenAPI document; environments. A client certificate
     * is asked for but not required. Template uploads are exempt from the small-body limit (their resource
     * limits them), and Server-Sent Events carry the progress of imports.
     */
    static Endpoint publicPort(RestSettings settings, Services services) {
        List<Object> resources = List.of(
                new PeerResource(services.registry()),
                new PeersResource(services.registry()),
                new PeerRequestsResource(services.registry()),
                new AuthResource(services.users(), services.tokens()),
                new UsersResource(services.users()),
                new RegistrationsResource(services.protocol()),
                new ContainersResource(services.containers()),
                new ContainerResource(services.containers()),
                new ContainerExecResource(services.containers()),
                new ContainerPortsResource(services.containers()),
                new ContainerQuotaResource(services.containers()),
                new ContainerMetricsResource(services.containers()),
                new HostMetricsResource(services.containers()),
                new SizeClassesResource(services.containers()),
                new TemplatesResource(services.containers(), new TemplateUploads(null)),
                new SwarmsResource(services.vpn()),
                new SwarmResource(services.vpn()),
                new EnvironmentsResource(services.environments(), services.environments().operations()),
                new EnvironmentResource(services.environments(), services.environments().operations(),
                        services.containers()),
                new EnvironmentEventsResource(services.environments()),
                new EnvironmentExecResource(services.environments()),
                new UpgradesResource(services.upgrades()));
        RateLimiter limiter = new RateLimiter(settings.rateLimitRequests(), settings.rateLimitPeriod());
        List<Object> providers = new ArrayList<>(providers(Set.of(TemplatesResource.UPLOAD_PATH, UpgradesResource.UPLOAD_PATH),
                Map.of(EnvironmentsResource.PATH, MAX_BLUEPRINT_BODY_BYTES)));
        providers.add(new ContainerExceptionMapper());
        providers.add(new VpnExceptionMapper());
        providers.add(new AccessFeature(services.tokens(), limiter));
        return new Endpoint("public", settings.host(), settings.publicPort(),
                TlsParameters.publicPort(services.identity()), resources, providers,
                List.of(OpenApi.feature(), new SseFeature()));
    }

    /**
     * The mutual-TLS port: only approved peers get through the handshake, and only the peer protocol is here (the
     * registry's calls, this peer's part of environments and its template archives).
     */
    static Endpoint peerPort(RestSettings settings, Services services) {
        return new Endpoint("peer", settings.host(), settings.peerPort(),
                TlsParameters.peerPort(services.identity(), services.trust()),
                List.of(new P2pResource(services.protocol()), new P2pEnvironmentsResource(services.environments()),
                        new P2pEnvironmentContainersResource(services.environments()),
                        new P2pTemplatesResource(services.containers()),
                        new P2pUpgradesResource(services.upgrades())),
                peerProviders(), List.of());
    }

    /** The agent behind the environment paths also refuses with the container and VPN errors: keep their codes. */
    private static List<Object> peerProviders() {
        List<Object> providers = new ArrayList<>(providers(Set.of()));
        providers.add(new ContainerExceptionMapper());
        providers.add(new VpnExceptionMapper());
        return providers;
    }

    /** The providers of both ports; bodies to {@code streamedPaths} are not held to {@link #MAX_BODY_BYTES}. */
    private static List<Object> providers(Set<String> streamedPaths) {
        return providers(streamedPaths, Map.of());
    }

    private static List<Object> providers(Set<String> streamedPaths, Map<String, Long> largerBodies) {
        return List.of(Json.provider(), new ClientCertificateProvider(),
                new BodyLimitFilter(MAX_BODY_BYTES, streamedPaths, largerBodies),
                new NoWadl(), new EnvironmentExceptionMapper(), new BlueprintExceptionMapper(),
                new IdentityExceptionMapper(), new RegistryExceptionMapper(), new ApiExceptionMapper(),
                new UpgradeExceptionMapper(), new JsonExceptionMapper(), new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper());
    }
}
