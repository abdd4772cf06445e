package io.peeros.rest.internal.dto;

/**
 * What a container uses; see {@link io.peeros.container.api.ContainerMetrics}. Counters grow from the
 * container's start; a client computes rates from two readings.
 *
 * @param at ISO-8601 instant of the reading
 * @param memoryPeakBytes -1 where the kernel does not record it
 * @param diskBytes -1 when it cannot be measured
 */
public record ContainerMetricsDto(String name, String state, String at, long cpuNanos, long memoryBytes,
        long memoryPeakBytes, long oomKills, long pids, long diskBytes, long netRxBytes, long netTxBytes) {
}
