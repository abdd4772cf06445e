package io.peeros.rest.internal.error;

import java.util.Map;

/**
 * The HTTP status for a stable code of the environment services.
 *
 * <ul>
 * <li>{@code ENVIRONMENT_NOT_FOUND} → 404;</li>
 * <li>{@code NOT_INITIATOR} → 403: a peer asked to change an environment another peer built;</li>
 * <li>{@code ENVIRONMENT_BUSY} → 409: another operation runs on it;</li>
 * <li>{@code INSUFFICIENT_CAPACITY} → 409: the peer cannot take what a builder asks (its reservation, a
 *     container or new limits do not fit in what it has free);</li>
 * <li>{@code INVALID_REQUEST}, {@code PLACEMENT_IMPOSSIBLE}, {@code GROUP_UNKNOWN}, {@code BLUEPRINT_INVALID}
 *     → 400;</li>
 * <li>{@code TEMPLATE_MISSING} → 422: a chosen peer lacks the template;</li>
 * <li>{@code PEER_UNREACHABLE}, {@code PEER_UNKNOWN}, {@code REMOTE_REFUSED} → 502: a peer that hosts part of it
 *     did not answer, is no longer registered, or refused without a code;</li>
 * <li>anything else → 500.</li>
 * </ul>
 */
public final class EnvironmentErrorStatus {

    private static final Map<String, Integer> EXACT = Map.ofEntries(
            Map.entry("ENVIRONMENT_NOT_FOUND", 404),
            Map.entry("NOT_INITIATOR", 403),
            Map.entry("ENVIRONMENT_BUSY", 409),
            Map.entry("INSUFFICIENT_CAPACITY", 409),
            Map.entry("INVALID_REQUEST", 400),
            Map.entry("PLACEMENT_IMPOSSIBLE", 400),
            Map.entry("GROUP_UNKNOWN", 400),
            Map.entry("BLUEPRINT_INVALID", 400),
            Map.entry("TEMPLATE_MISSING", 422),
            Map.entry("PEER_UNREACHABLE", 502),
            Map.entry("PEER_UNKNOWN", 502),
            Map.entry("REMOTE_REFUSED", 502));

    private EnvironmentErrorStatus() {
    }

    public static int of(String code) {
        return code == null ? 500 : EXACT.getOrDefault(code, 500);
    }
}
