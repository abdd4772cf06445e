package io.peeros.environment.internal.agent;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.peer.HostedEnvironment;
import io.peeros.environment.api.peer.Reservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What this peer keeps about an environment it hosts a part of. A container is listed before it is made, so a
 * crash in between leaves a name to clean rather than an orphan.
 *
 * @param quotas the limits committed to each container of {@code containers} (those made with none are absent)
 * @param reservation what the builder still holds here for containers it has not made yet
 * @param committed whether the builder said the environment reached HEALTHY; records written before the field
 *     existed count as committed
 * @param lastContact the last call of the builder about the environment, to the minute
 * @param builderGoneSince when this peer first found the builder unregistered, {@code null} while it is not
 */
record HostedRecord(String environmentId, String name, String builderPeerId, String subnet, Set<String> members,
        List<String> containers, Map<String, Quota> quotas, Reservation reservation, Boolean committed,
        Instant lastContact, Instant builderGoneSince) {

    HostedRecord {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builderPeerId, "builderPeerId");
        Objects.requireNonNull(subnet, "subnet");
        members = Set.copyOf(members);
        containers = List.copyOf(containers);
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
        reservation = reservation == null ? Reservation.NONE : reservation;
        committed = committed == null || committed;
        lastContact = lastContact == null ? Instant.now() : lastContact;
    }

    /** A new record: not committed until the builder says so, unless an older builder that never will made it. */
    static HostedRecord created(String environmentId, String name, String builderPeerId, String subnet,
            Set<String> members, Reservation reservation) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, List.of(), Map.of(),
                reservation, reservation == null, Instant.now(), null);
    }

    boolean isCommitted() {
        return Boolean.TRUE.equals(committed);
    }

    HostedRecord withMembers(Set<String> newMembers) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, newMembers, containers, quotas,
                reservation, committed, lastContact, builderGoneSince);
    }

    HostedRecord withReservation(Reservation newReservation) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, containers, quotas,
                newReservation, committed, lastContact, builderGoneSince);
    }

    HostedRecord committedNow() {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, containers, quotas,
                Reservation.NONE, true, lastContact, builderGoneSince);
    }

    HostedRecord contacted(Instant at) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, containers, quotas,
                reservation, committed, at, builderGoneSince);
    }

    HostedRecord builderGone(Instant since) {
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, containers, quotas,
                reservation, committed, lastContact, since);
    }

    /** With the container listed and {@code quota} committed to it, taken from the reservation. */
    HostedRecord withContainer(String container, Quota quota) {
        if (containers.contains(container)) {
            return this;
        }
        List<String> more = new ArrayList<>(containers);
        more.add(container);
        Map<String, Quota> moreQuotas = new LinkedHashMap<>(quotas);
        if (!quota.isNone()) {
            moreQuotas.put(container, quota);
        }
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, more, moreQuotas,
                reservation.minus(Reservation.of(quota)), committed, lastContact, builderGoneSince);
    }

    HostedRecord withQuota(String container, Quota quota) {
        Map<String, Quota> changed = new LinkedHashMap<>(quotas);
        if (quota.isNone()) {
            changed.remove(container);
        } else {
            changed.put(container, quota);
        }
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, containers, changed,
                reservation, committed, lastContact, builderGoneSince);
    }

    HostedRecord withoutContainer(String container) {
        List<String> fewer = new ArrayList<>(containers);
        fewer.remove(container);
        Map<String, Quota> fewerQuotas = new LinkedHashMap<>(quotas);
        fewerQuotas.remove(container);
        return new HostedRecord(environmentId, name, builderPeerId, subnet, members, fewer, fewerQuotas,
                reservation, committed, lastContact, builderGoneSince);
    }

    HostedEnvironment toApi() {
        return new HostedEnvironment(environmentId, name, builderPeerId, subnet, containers);
    }
}
