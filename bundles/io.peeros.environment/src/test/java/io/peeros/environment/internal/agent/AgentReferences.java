package io.peeros.environment.internal.agent;

import io.peeros.container.api.MetricsService;
import io.peeros.container.api.QuotaService;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.PeerRegistry;

/** Binds the agent's optional references as SCR does (its fields), for tests outside this package. */
public final class AgentReferences {

    private AgentReferences() {
    }

    public static void bind(EnvironmentAgentImpl agent, QuotaService quotas, MetricsService metrics) {
        agent.quotas = quotas;
        agent.metrics = metrics;
    }

    public static void bind(EnvironmentAgentImpl agent, PeerClient client) {
        agent.peerClient = client;
    }

    public static void bind(EnvironmentAgentImpl agent, PeerRegistry registry) {
        agent.registry = registry;
    }
}
