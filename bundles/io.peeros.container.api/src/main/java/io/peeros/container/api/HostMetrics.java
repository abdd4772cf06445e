package io.peeros.container.api;

import java.util.Objects;
import java.time.Instant;

/**
 * What the whole host uses, from {@code /proc} and the file system that holds the containers. CPU and network
 * values are counters since the host booted; rates come from two samples. Immutable.
 *
 * @param at when the values were read
 * @param cpus the online CPUs
 * @param cpuBusyNanos CPU time spent on anything but idle and I/O wait, summed over all CPUs
 * @param cpuTotalNanos all CPU time, summed over all CPUs
 * @param memoryTotalBytes the RAM the kernel manages
 * @param memoryAvailableBytes the RAM that could be given to new work without swapping
 * @param swapTotalBytes the swap space, 0 when there is none
 * @param swapFreeBytes the unused swap space
 * @param diskTotalBytes the size of the file system that holds the containers
 * @param diskFreeBytes the space still free there
 * @param netRxBytes bytes received on the host's physical interfaces
 * @param netTxBytes bytes sent on the host's physical interfaces
 */
public record HostMetrics(Instant at, int cpus, long cpuBusyNanos, long cpuTotalNanos, long memoryTotalBytes,
        long memoryAvailableBytes, long swapTotalBytes, long swapFreeBytes, long diskTotalBytes, long diskFreeBytes,
        long netRxBytes, long netTxBytes) {

    public HostMetrics {
        Objects.requireNonNull(at, "at");
    }

    /** How busy the host's CPUs were between {@code earlier} and this sample, 0–100 % of all of them. */
    public double cpuPercentSince(HostMetrics earlier) {
        long total = cpuTotalNanos - earlier.cpuTotalNanos;
        return total <= 0 ? 0 : 100.0 * (cpuBusyNanos - earlier.cpuBusyNanos) / total;
    }
}
