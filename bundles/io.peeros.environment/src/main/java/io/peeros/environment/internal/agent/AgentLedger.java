package io.peeros.environment.internal.agent;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's admissions: every change of what the hosted records reserve or commit is checked against what is
 * free ({@link Ledger}) and written under one lock, so that two builders never both get the last of it.
 */
final class AgentLedger {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLedger.class);

    private final HostedRecords records;
    private final Supplier<MetricsService> metrics;
    private final int cpuOvercommitPercent;
    private final Duration expiry;
    private final String peer;

    AgentLedger(HostedRecords records, Supplier<MetricsService> metrics, int cpuOvercommitPercent, Duration expiry,
            String peer) {
        this.records = records;
        this.metrics = metrics;
        this.cpuOvercommitPercent = Math.max(1, cpuOvercommitPercent);
        this.expiry = expiry;
        this.peer = peer;
    }

    /** The record with its reservation replaced by {@code wanted}, written, if that fits; else refused. */
    synchronized HostedRecord reserve(HostedRecord record, Reservation wanted) {
        refuseUnlessFits(free(record.environmentId()), wanted, record.environmentId(), "");
        HostedRecord reserved = record.withReservation(wanted);
        records.put(reserved);
        return reserved;
    }

    /**
     * The record with {@code container} listed and {@code quota} committed to it out of the reservation, written;
     * what the reservation does not cover must fit.
     */
    synchronized HostedRecord commit(HostedRecord record, String container, Quota quota) {
        refuseUnlessFits(free(null), Reservation.of(quota).minus(record.reservation()), record.environmentId(),
                "container " + container + ": ");
        HostedRecord updated = record.withContainer(container, quota).contacted(Instant.now());
        records.put(updated);
        return updated;
    }

    /** Applies {@code quota} instead of {@code before} with {@code apply} and records it, if what it adds fits. */
    synchronized Quota resize(HostedRecord record, String container, Quota before, Quota quota,
            UnaryOperator<Quota> apply) {
        refuseUnlessFits(free(null), Reservation.of(quota).minus(Reservation.of(before)), record.environmentId(),
                "container " + container + " to " + quota + ": ");
        Quota set = apply.apply(quota);
        records.put(record.withQuota(container, set).contacted(Instant.now()));
        return set;
    }

    /** What is free now, leaving out the reservation of {@code except}. */
    Ledger.Free free(String except) {
        MetricsService m = metrics.get();
        HostMetrics host = null;
        Map<String, ContainerMetrics> usage = new HashMap<>();
        if (m != null) {
            host = m.host();
            try {
                m.containers().forEach(c -> usage.put(c.name(), c));
            } catch (RuntimeException e) {
                LOG.debug("No container metrics, the limits count as unused: {}", e.toString());
            }
        }
        int cpus = host != null ? host.cpus() : Runtime.getRuntime().availableProcessors();
        return Ledger.free(host, cpus, cpuOvercommitPercent, records.all(), usage, except, Instant.now(), expiry);
    }

    private void refuseUnlessFits(Ledger.Free free, Reservation wanted, String environmentId, String what) {
        String refusal = Ledger.refusal(free, wanted);
        if (refusal != null) {
            throw new EnvironmentException("INSUFFICIENT_CAPACITY", "peer " + peer + " cannot take what "
                    + "environment " + environmentId + " asks: " + what + refusal);
        }
    }
}
