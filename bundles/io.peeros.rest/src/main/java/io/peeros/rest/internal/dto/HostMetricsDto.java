package io.peeros.rest.internal.dto;

/**
 * What the host uses; see {@link io.peeros.container.api.HostMetrics}. CPU and network values are counters
 * since boot.
 *
 * @param at ISO-8601 instant of the reading
 */
public record HostMetricsDto(String at, int cpus, long cpuBusyNanos, long cpuTotalNanos, long memoryTotalBytes,
        long memoryAvailableBytes, long swapTotalBytes, long swapFreeBytes, long diskTotalBytes, long diskFreeBytes,
        long netRxBytes, long netTxBytes) {
}
