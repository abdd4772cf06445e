package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.container.api.testing.FakeQuotaService;
import io.peeros.container.api.testing.FakeTemplateStore;
import io.peeros.environment.internal.agent.AgentReferences;
import io.peeros.environment.internal.agent.EnvironmentAgentImpl;
import io.peeros.identity.api.PeerIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509KeyManager;

/** One peer of the test network: fake containers, swarms, templates and metrics under a real agent. */
final class FakePeer {

    final String id;
    final String name;
    final GuestContainers containers = new GuestContainers();
    final FakeSwarms swarms = new FakeSwarms(containers);
    final FakeTemplateStore templates = new FakeTemplateStore();
    final FakeQuotaService quotas = new FakeQuotaService(containers.fake);
    final PeerIdentity identity;
    final Path stateDirectory;
    volatile long freeRam;
    volatile long freeDisk;
    volatile boolean unreachable;
    EnvironmentAgentImpl real;
    FaultyAgent agent;

    /** The client this peer's agent fetches templates with; set once the network knows the peer. */
    volatile io.peeros.registry.api.PeerClient client;

    FakePeer(String id, String name, Path stateDirectory, long freeRamGiB, long freeDiskGiB, String... templateNames) {
        this.id = id;
        this.name = name;
        this.stateDirectory = stateDirectory;
        this.freeRam = freeRamGiB << 30;
        this.freeDisk = freeDiskGiB << 30;
        for (String t : templateNames) {
            templates.with(t, "1.0");
        }
        this.identity = identity(id);
        restartAgent();
    }

    /** A new agent over the same state directory, as after a restart of the peer. */
    void restartAgent() {
        real = new EnvironmentAgentImpl(containers, swarms, templates, identity,
                Configs.of(EnvironmentAgentImpl.Config.class, Map.of("stateDirectory", stateDirectory.toString())));
        AgentReferences.bind(real, quotas, metrics());
        if (client != null) {
            AgentReferences.bind(real, client);
        }
        agent = new FaultyAgent(real);
    }

    /** Nothing of any environment is left here: no container, no swarm, no record. */
    boolean empty() {
        return containers.list().isEmpty() && swarms.list().isEmpty() && real.hosted().isEmpty();
    }

    private MetricsService metrics() {
        return new MetricsService() {
            @Override
            public ContainerMetrics container(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ContainerMetrics> containers() {
                return List.of();
            }

            @Override
            public HostMetrics host() {
                return new HostMetrics(Instant.now(), 4, 0, 0, 64L << 30, freeRam, 0, 0, 1L << 40, freeDisk, 0, 0);
            }
        };
    }

    static PeerIdentity identity(String id) {
        return new PeerIdentity() {
            @Override
            public String peerId() {
                return id;
            }

            @Override
            public X509Certificate certificate() {
                throw new UnsupportedOperationException();
            }

            @Override
            public X509KeyManager keyManager() {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] sign(byte[] data) {
                throw new UnsupportedOperationException();
            }

            @Override
            public X509Certificate rotateCertificate() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
