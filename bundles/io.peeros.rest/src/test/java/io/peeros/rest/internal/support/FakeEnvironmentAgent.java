package io.peeros.rest.internal.support;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every call with its caller and arguments; answers canned values or throws {@link #failure}. */
public final class FakeEnvironmentAgent implements EnvironmentAgent {

    /** One call: the method, the caller's peer id and the arguments after it. */
    public record Call(String method, String caller, List<Object> args) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public volatile Capacity capacity;
    public final List<HostedEnvironment> hosted = new ArrayList<>();
    public volatile EnvironmentException failure;

    @Override
    public void prepare(String caller, PrepareRequest request) {
        record("prepare", caller, request);
    }

    @Override
    public AgentContainer createContainer(String caller, String environmentId, ContainerRequest request) {
        record("createContainer", caller, environmentId, request);
        return new AgentContainer(request.name(), "RUNNING", request.address());
    }

    @Override
    public void configure(String caller, String environmentId, ConfigureRequest request) {
        record("configure", caller, environmentId, request);
    }

    @Override
    public ExecResult exec(String caller, String environmentId, String container, ExecRequest request) {
        record("exec", caller, environmentId, container, request);
        return new ExecResult(3, "out ü\n".getBytes(StandardCharsets.UTF_8),
                "err\n".getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public Quota setQuota(String caller, String environmentId, String container, Quota quota) {
        record("setQuota", caller, environmentId, container, quota);
        return quota;
    }

    @Override
    public Quota quota(String caller, String environmentId, String container) {
        record("quota", caller, environmentId, container);
        return Quota.NONE.withCpuPercent(25);
    }

    @Override
    public void removeContainer(String caller, String environmentId, String container) {
        record("removeContainer", caller, environmentId, container);
    }

    @Override
    public void release(String caller, String environmentId) {
        record("release", caller, environmentId);
    }

    @Override
    public List<HostedEnvironment> hosted() {
        record("hosted", null);
        return List.copyOf(hosted);
    }

    @Override
    public Capacity capacity() {
        record("capacity", null);
        return capacity;
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    private void record(String method, String caller, Object... args) {
        calls.add(new Call(method, caller, Arrays.asList(args)));
        EnvironmentException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
