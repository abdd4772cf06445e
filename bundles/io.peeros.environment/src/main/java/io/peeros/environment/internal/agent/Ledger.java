package io.peeros.environment.internal.agent;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.peer.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The admission arithmetic of a hosting peer. Free RAM (disk) is what the host has available (free), less the part
 * of each hosted container's RAM (disk) limit it does not use yet (it may use it at any time), less what builders
 * hold in reservations that have not expired. CPU limits are counted against the host's CPUs times an
 * overcommit factor (a CPU limit is a ceiling, not a share held for the container). A resource the host cannot
 * measure (no metrics service) is not limited.
 */
final class Ledger {

    /** What is free for new containers; {@code null} where it is not known. */
    record Free(Long memoryBytes, Long diskBytes, long cpuPercent) {
    }

    private Ledger() {
    }

    /**
     * What is free, leaving out the reservation of {@code except} (the environment whose reservation is being
     * replaced), and reservations whose builder has been silent for longer than {@code expiry}.
     */
    static Free free(HostMetrics host, int cpus, int cpuOvercommitPercent, Collection<HostedRecord> records,
            Map<String, ContainerMetrics> usage, String except, Instant now, Duration expiry) {
        long unusedRam = 0;
        long unusedDisk = 0;
        long cpu = 0;
        for (HostedRecord r : records) {
            for (Map.Entry<String, Quota> e : r.quotas().entrySet()) {
                Quota q = e.getValue();
                ContainerMetrics used = usage.get(e.getKey());
                if (q.memoryBytes() != null) {
                    unusedRam += Math.max(0, q.memoryBytes() - (used == null ? 0 : Math.max(0, used.memoryBytes())));
                }
                if (q.diskBytes() != null) {
                    unusedDisk += Math.max(0, q.diskBytes() - (used == null ? 0 : Math.max(0, used.diskBytes())));
                }
                if (q.cpuPercent() != null) {
                    cpu += q.cpuPercent();
                }
            }
            if (!r.environmentId().equals(except) && !expired(r, now, expiry)) {
                unusedRam += r.reservation().memoryBytes();
                unusedDisk += r.reservation().diskBytes();
                cpu += r.reservation().cpuPercent();
            }
        }
        long cpuBudget = (long) cpus * cpuOvercommitPercent;
        return new Free(host == null ? null : host.memoryAvailableBytes() - unusedRam,
                host == null ? null : host.diskFreeBytes() - unusedDisk, cpuBudget - cpu);
    }

    /** Whether the builder of {@code r} has been silent for longer than {@code expiry}. */
    static boolean expired(HostedRecord r, Instant now, Duration expiry) {
        return r.lastContact().plus(expiry).isBefore(now);
    }

    /** Why {@code wanted} does not fit in {@code free} ("RAM: wanted 2.0 GiB, available 512 MiB"), or null. */
    static String refusal(Free free, Reservation wanted) {
        if (wanted.memoryBytes() > 0 && free.memoryBytes() != null && wanted.memoryBytes() > free.memoryBytes()) {
            return "RAM: wanted " + bytes(wanted.memoryBytes()) + ", available " + bytes(free.memoryBytes());
        }
        if (wanted.diskBytes() > 0 && free.diskBytes() != null && wanted.diskBytes() > free.diskBytes()) {
            return "disk: wanted " + bytes(wanted.diskBytes()) + ", available " + bytes(free.diskBytes());
        }
        if (wanted.cpuPercent() > 0 && wanted.cpuPercent() > free.cpuPercent()) {
            return "CPU: wanted " + wanted.cpuPercent() + " % of a CPU, available " + Math.max(0, free.cpuPercent())
                    + " %";
        }
        return null;
    }

    static String bytes(long n) {
        if (n < 0) {
            return "0 MiB";
        }
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        return (n >> 20) + " MiB";
    }
}
