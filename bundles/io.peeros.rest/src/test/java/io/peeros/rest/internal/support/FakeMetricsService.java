package io.peeros.rest.internal.support;

import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import java.time.Instant;
import java.util.List;

/**
 * Metrics for the containers of a {@link FakeContainerManager}: a running container uses 1 s of CPU and
 * 64 MiB per 1000 of its PID; a stopped one only its disk, as the real service reports.
 */
public final class FakeMetricsService implements MetricsService {

    public static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");

    private final FakeContainerManager containers;

    public FakeMetricsService(FakeContainerManager containers) {
        this.containers = containers;
    }

    @Override
    public ContainerMetrics container(String name) {
        ContainerInfo info = containers.info(name);
        long scale = info.pid() / 1000;
        return new ContainerMetrics(name, info.state(), AT, scale * 1_000_000_000L, scale * (64L << 20),
                info.pid() > 0 ? scale * (80L << 20) : -1, 0, info.pid() > 0 ? 7 : 0, 5L << 20, scale * 1000,
                scale * 2000);
    }

    @Override
    public List<ContainerMetrics> containers() {
        return containers.list().stream().map(i -> container(i.name())).toList();
    }

    @Override
    public HostMetrics host() {
        return new HostMetrics(AT, 2, 40_000_000_000L, 100_000_000_000L, 24L << 30, 20L << 30, 0, 0, 100L << 30,
                60L << 30, 123_456, 654_321);
    }
}
