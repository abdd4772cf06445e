package io.peeros.environment.api.peer;

import java.util.Objects;
import java.util.Set;

/**
 * The environment a peer is asked to take part in.
 *
 * @param environmentId the environment (and swarm) id
 * @param name the environment's name, for people
 * @param members every peer that hosts part of it (the swarm's members)
 * @param subnet its IPv4 subnet (CIDR)
 * @param reservation what the builder is about to place on this peer for the operation under way (the totals
 *     of the quotas of the containers it will make here); it replaces the environment's reservation here and is
 *     admitted only if it fits, else the prepare is refused with {@code INSUFFICIENT_CAPACITY} and changes
 *     nothing. {@code null} (as from a builder that predates the field) leaves the reservation as it is
 *     (since 1.4)
 * @param committed {@code true} when the builder reached HEALTHY: whatever is still reserved is released, and the
 *     environment counts as committed (kept until its builder releases it, see the orphan policy in
 *     docs/environments.md); {@code null} or {@code false} changes nothing (since 1.4)
 */
public record PrepareRequest(String environmentId, String name, Set<String> members, String subnet,
        Reservation reservation, Boolean committed) {

    public PrepareRequest {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(name, "name");
        members = Set.copyOf(members);
        Objects.requireNonNull(subnet, "subnet");
    }

    /** A request that leaves the reservation as it is. */
    public PrepareRequest(String environmentId, String name, Set<String> members, String subnet) {
        this(environmentId, name, members, subnet, null, null);
    }
}
