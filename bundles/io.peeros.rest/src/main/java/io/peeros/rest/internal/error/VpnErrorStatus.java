package io.peeros.rest.internal.error;

import java.util.Map;

/**
 * The HTTP status for a stable code of the swarm service.
 *
 * <ul>
 * <li>{@code SWARM_NOT_FOUND} → 404: this peer has not joined the swarm;</li>
 * <li>{@code SUBNET_OVERLAP}, {@code SUBNET_CHANGED} → 409: the request is well formed but clashes with the
 *     swarms already joined;</li>
 * <li>{@code DATAPLANE_FAILED} → 500: the peer could not make its interfaces;</li>
 * <li>{@code DATAPLANE_STARTING} → 503: the data plane is still being taken over after an update; retry;</li>
 * <li>anything else, such as {@code SWARM_INVALID}, {@code SUBNET_INVALID}, {@code MEMBER_UNKNOWN} (a member
 *     in the body that is not a trusted peer) → 400.</li>
 * </ul>
 */
public final class VpnErrorStatus {

    private static final Map<String, Integer> EXACT = Map.of(
            "SWARM_NOT_FOUND", 404,
            "SUBNET_OVERLAP", 409,
            "SUBNET_CHANGED", 409,
            "DATAPLANE_FAILED", 500,
            "DATAPLANE_STARTING", 503);

    private VpnErrorStatus() {
    }

    public static int of(String code) {
        if (code == null) {
            return 500;
        }
        return EXACT.getOrDefault(code, 400);
    }
}
