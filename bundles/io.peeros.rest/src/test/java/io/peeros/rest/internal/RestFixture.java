package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.Configs;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.rest.internal.support.FakeBlueprintParser;
import io.peeros.rest.internal.support.FakeEnvironmentAgent;
import io.peeros.rest.internal.support.FakeEnvironmentService;
import io.peeros.rest.internal.support.FakeMetricsService;
import io.peeros.rest.internal.support.FakePeerIdentity;
import io.peeros.rest.internal.support.FakePeerProtocol;
import io.peeros.rest.internal.support.FakePeerRegistry;
import io.peeros.vpn.api.testing.FakeSwarmService;
import io.peeros.container.api.testing.FakeQuotaService;
import io.peeros.container.api.testing.FakeTemplateStore;
import io.peeros.rest.internal.support.FakeTokenService;
import io.peeros.rest.internal.support.FakeTrustService;
import io.peeros.rest.internal.support.FakeUserService;
import io.peeros.rest.internal.support.Https;
import io.peeros.rest.internal.support.TestKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RestServer} on two free loopback ports with real TLS, over in-memory services, activated the way
 * SCR would: constructor, then {@code activateWith(Config)}.
 */
final class RestFixture implements AutoCloseable {

    final TestKey serverKey = TestKey.create("local-peer");
    final FakePeerIdentity identity = new FakePeerIdentity(serverKey);
    final FakeTrustService trust = new FakeTrustService();
    final FakeUserService users = new FakeUserService();
    final FakeTokenService tokens = new FakeTokenService();
    final FakePeerRegistry registry = new FakePeerRegistry();
    final FakePeerProtocol protocol = new FakePeerProtocol();
    /** Not bound until {@link #bindContainerServices()}: the server starts without container services. */
    final FakeContainerManager containers = new FakeContainerManager();
    final FakeTemplateStore templates = new FakeTemplateStore();
    final FakeQuotaService quotas = new FakeQuotaService(containers);
    final FakeMetricsService metrics = new FakeMetricsService(containers);
    /** Not bound until {@link #bindSwarmService()}: the server starts without a VPN. */
    final FakeSwarmService swarms = new FakeSwarmService();
    /** Not bound until {@link #bindEnvironmentServices()}: the server starts without environments. */
    final FakeEnvironmentAgent agent = new FakeEnvironmentAgent();
    final FakeEnvironmentService environments = new FakeEnvironmentService();
    final FakeBlueprintParser parser = new FakeBlueprintParser();
    final int publicPort;
    final int peerPort;
    final RestServer server;
    private final Map<String, Object> config = new HashMap<>();
    private final AtomicInteger userCount = new AtomicInteger();

    private RestFixture(Map<String, ?> overrides) {
        publicPort = freePort();
        peerPort = freePort();
        config.put("host", "127.0.0.1");
        config.put("publicPort", publicPort);
        config.put("peerPort", peerPort);
        config.put("rateLimitRequests", 1000);
        config.putAll(overrides);
        server = new RestServer(identity, trust, users, tokens, registry, protocol);
    }

    /** Starts a server with the test defaults and {@code overrides}. */
    static RestFixture start(Map<String, ?> overrides) {
        RestFixture fixture = new RestFixture(overrides);
        fixture.activate();
        return fixture;
    }

    static RestFixture start() {
        return start(Map.of());
    }

    void activate() {
        server.activateWith(config());
    }

    /** Binds the container manager and the template store, as SCR does when they appear. */
    void bindContainerServices() {
        server.bindContainerManager(containers);
        server.bindTemplateStore(templates);
        server.bindQuotaService(quotas);
        server.bindMetricsService(metrics);
    }

    /** Unbinds them, as SCR does when they go. */
    void unbindContainerServices() {
        server.unbindContainerManager(containers);
        server.unbindTemplateStore(templates);
        server.unbindQuotaService(quotas);
        server.unbindMetricsService(metrics);
    }

    /** Binds the swarm service, as SCR does when it appears. */
    void bindSwarmService() {
        server.bindSwarmService(swarms);
    }

    /** Unbinds it, as SCR does when it goes. */
    void unbindSwarmService() {
        server.unbindSwarmService(swarms);
    }

    /** Binds the environment agent, service and parser, as SCR does when they appear. */
    void bindEnvironmentServices() {
        server.bindEnvironmentAgent(agent);
        server.bindEnvironmentService(environments);
        server.bindBlueprintParser(parser);
    }

    /** Unbinds them, as SCR does when they go. */
    void unbindEnvironmentServices() {
        server.unbindEnvironmentAgent(agent);
        server.unbindEnvironmentService(environments);
        server.unbindBlueprintParser(parser);
    }

    void deactivate() {
        server.deactivate();
    }

    RestServer.Config config() {
        return Configs.of(RestServer.Config.class, config);
    }

    @Override
    public void close() {
        deactivate();
    }

    URI publicUri(String path) {
        return URI.create("https://127.0.0.1:" + publicPort + "/api/v1" + path);
    }

    URI peerUri(String path) {
        return URI.create("https://127.0.0.1:" + peerPort + "/api/v1" + path);
    }

    /** A client of the public port without a client certificate. */
    Https client() {
        return Https.client(serverKey.certificate(), null);
    }

    /** A client presenting {@code key} as its certificate. */
    Https client(TestKey key) {
        return Https.client(serverKey.certificate(), key);
    }

    /** Calls the public port without a client certificate. */
    Answer call(String method, String path, String body, String token) throws IOException {
        return client().send(method, publicUri(path), body, token);
    }

    /** A token of a new user with {@code role}. */
    String token(Role role) {
        User user = users.add("user" + userCount.incrementAndGet() + "-" + role.id(),
                "long-enough-password".toCharArray(), role);
        return tokens.issue(user).token();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
