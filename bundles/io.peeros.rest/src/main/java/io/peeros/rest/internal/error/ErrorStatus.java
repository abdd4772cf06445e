package io.peeros.rest.internal.error;

import java.util.Map;

/**
 * The HTTP status for a stable error code of the identity or registry services.
 *
 * <ul>
 * <li>{@code *_UNKNOWN} → 404, except {@code ROLE_UNKNOWN} (a bad value in the body) → 400;</li>
 * <li>{@code *_EXISTS}, {@code *_PENDING}, {@code ALREADY_*}, {@code USER_IS_OWNER} → 409;</li>
 * <li>{@code CODE_WRONG}, {@code CODE_EXPIRED}, {@code TRIES_EXHAUSTED} → 422: the request was understood and
 *     authorised, but the registration code did not verify. 403 is kept for "your role is too low", so a
 *     client can tell the two apart;</li>
 * <li>{@code PEER_UNREACHABLE}, {@code REMOTE_REFUSED} → 502: the remote peer did not answer, or not
 *     usefully;</li>
 * <li>{@code CERT_MISMATCH} → 403: the TLS client certificate is not the one the call needs;</li>
 * <li>{@code TOO_MANY_REQUESTS} → 429, {@code INVALID_CREDENTIALS} → 401;</li>
 * <li>{@code VAULT_LOCKED}, {@code REGISTRY_INACTIVE} → 503: try again when the peer is ready;</li>
 * <li>{@code STATE_*}, {@code VAULT_TAMPERED} → 500: the peer's own storage failed;</li>
 * <li>anything else, such as {@code *_INVALID}, {@code *_WEAK}, {@code URL_INVALID}, {@code PEER_IS_SELF}
 *     → 400.</li>
 * </ul>
 */
public final class ErrorStatus {

    private static final Map<String, Integer> EXACT = Map.ofEntries(
            Map.entry("ROLE_UNKNOWN", 400),
            Map.entry("USER_IS_OWNER", 409),
            Map.entry("CODE_WRONG", 422),
            Map.entry("CODE_EXPIRED", 422),
            Map.entry("TRIES_EXHAUSTED", 422),
            Map.entry("PEER_UNREACHABLE", 502),
            Map.entry("REMOTE_REFUSED", 502),
            Map.entry("TOO_MANY_REQUESTS", 429),
            Map.entry("INVALID_CREDENTIALS", 401),
            Map.entry("CERT_MISMATCH", 403),
            Map.entry("VAULT_LOCKED", 503),
            Map.entry("REGISTRY_INACTIVE", 503),
            Map.entry("VAULT_TAMPERED", 500));

    private ErrorStatus() {
    }

    public static int of(String code) {
        if (code == null) {
            return 500;
        }
        Integer exact = EXACT.get(code);
        if (exact != null) {
            return exact;
        }
        if (code.endsWith("_UNKNOWN")) {
            return 404;
        }
        if (code.endsWith("_EXISTS") || code.endsWith("_PENDING") || code.startsWith("ALREADY_")) {
            return 409;
        }
        if (code.startsWith("STATE_")) {
            return 500;
        }
        return 400;
    }
}
