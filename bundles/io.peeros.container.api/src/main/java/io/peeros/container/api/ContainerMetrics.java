package io.peeros.container.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one container used, read at one instant from its cgroups and network namespace. Counters
 * ({@code cpuNanos}, {@code netRxBytes}, {@code netTxBytes}) grow from the container's start; rates come
 * from two samples, e.g. {@link #cpuPercentSince}. A stopped container reports zero for everything but disk.
 * Immutable.
 *
 * @param name the container name
 * @param state the run state when read
 * @param at when the values were read
 * @param cpuNanos CPU time used by all the container's processes since it started
 * @param memoryBytes RAM in use now, page cache included
 * @param memoryPeakBytes the most RAM in use at once since the container started, or -1 where the kernel
 *        does not record it
 * @param oomKills how many processes the kernel killed because the container reached its RAM limit
 * @param pids processes and threads now
 * @param diskBytes disk space taken by the container's own files, or -1 when it cannot be measured
 * @param netRxBytes bytes received on the container's interfaces (loopback left out)
 * @param netTxBytes bytes sent on the container's interfaces (loopback left out)
 */
public record ContainerMetrics(String name, ContainerState state, Instant at, long cpuNanos, long memoryBytes,
        long memoryPeakBytes, long oomKills, long pids, long diskBytes, long netRxBytes, long netTxBytes) {

    public ContainerMetrics {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The CPU the container used between {@code earlier} and this sample, in percent of one CPU (200 is two
     * CPUs busy); 0 when no time passed or the container restarted in between.
     */
    public double cpuPercentSince(ContainerMetrics earlier) {
        long wall = Duration.between(earlier.at, at).toNanos();
        long used = cpuNanos - earlier.cpuNanos;
        return wall <= 0 || used < 0 ? 0 : 100.0 * used / wall;
    }
}
