package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.AgentContainer;
import io.peeros.environment.api.peer.Capacity;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.api.peer.PrepareRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * An agent that fails on demand: {@link #failOn} names the method ({@code createContainer}, ...) that throws;
 * with a {@link #meter} the calls that change something or probe health are counted.
 */
final class FaultyAgent implements EnvironmentAgent {

    private final EnvironmentAgent agent;
    volatile String failOn;
    volatile CallMeter meter;

    FaultyAgent(EnvironmentAgent agent) {
        this.agent = agent;
    }

    private void maybeFail(String method) {
        if (method.equals(failOn)) {
            throw new EnvironmentException("INJECTED", "injected failure in " + method);
        }
    }

    private <T> T metered(Supplier<T> call) {
        CallMeter m = meter;
        return m == null ? call.get() : m.call(call);
    }

    private void meteredRun(Runnable call) {
        metered(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public void prepare(String caller, PrepareRequest request) {
        maybeFail("prepare");
        meteredRun(() -> agent.prepare(caller, request));
    }

    @Override
    public AgentContainer createContainer(String caller, String environmentId, ContainerRequest request) {
        maybeFail("createContainer");
        return metered(() -> agent.createContainer(caller, environmentId, request));
    }

    @Override
    public void configure(String caller, String environmentId, ConfigureRequest request) {
        maybeFail("configure");
        meteredRun(() -> agent.configure(caller, environmentId, request));
    }

    @Override
    public ExecResult exec(String caller, String environmentId, String container, ExecRequest request) {
        maybeFail("exec");
        if (request.command().size() > 3 && request.command().get(3).equals("/")) {
            // the network configuration written by the builder in one command: fails as the agent's configure would
            maybeFail("configure");
        }
        return metered(() -> agent.exec(caller, environmentId, container, request));
    }

    @Override
    public Quota setQuota(String caller, String environmentId, String container, Quota quota) {
        maybeFail("setQuota");
        return metered(() -> agent.setQuota(caller, environmentId, container, quota));
    }

    @Override
    public Quota quota(String caller, String environmentId, String container) {
        return agent.quota(caller, environmentId, container);
    }

    @Override
    public void removeContainer(String caller, String environmentId, String container) {
        maybeFail("removeContainer");
        meteredRun(() -> agent.removeContainer(caller, environmentId, container));
    }

    @Override
    public void release(String caller, String environmentId) {
        maybeFail("release");
        meteredRun(() -> agent.release(caller, environmentId));
    }

    @Override
    public List<HostedEnvironment> hosted() {
        return agent.hosted();
    }

    @Override
    public Capacity capacity() {
        return agent.capacity();
    }
}
