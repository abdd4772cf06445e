package io.peeros.rest.internal.error;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateException;
import java.util.Map;

/**
 * The HTTP status for a stable code of the container and template services.
 *
 * <ul>
 * <li>{@code NOT_FOUND} → 404;</li>
 * <li>{@code NAME_TAKEN}, {@code TEMPLATE_EXISTS}, {@code PORT_TAKEN}, {@code INVALID_STATE}, {@code IN_USE} → 409:
 *     the request is
 *     fine but the peer's containers are not in a state that allows it;</li>
 * <li>the template checks ({@code UNSIGNED}, {@code BAD_SIGNATURE}, {@code UNTRUSTED_PUBLISHER},
 *     {@code HASH_MISMATCH}, {@code CONFIG_REFUSED}, {@code UNSAFE_ENTRY}, {@code INVALID_ARCHIVE},
 *     {@code PARENT_MISSING}) → 422: the archive arrived but is refused;</li>
 * <li>{@code EXEC_TIMEOUT}, {@code TIMEOUT} → 504: the container did not finish in time;</li>
 * <li>{@code NO_SPACE} → 507;</li>
 * <li>{@code LXC_FAILURE}, {@code STORE_FAILURE}, {@code NETWORK_FAILURE} → 500: the peer's own failure;</li>
 * <li>anything else, such as {@code INVALID_NAME}, {@code INVALID_REQUEST}, {@code INVALID_TEMPLATE} → 400.</li>
 * </ul>
 */
public final class ContainerErrorStatus {

    private static final Map<String, Integer> EXACT = Map.ofEntries(
            Map.entry(ContainerException.NOT_FOUND, 404),
            Map.entry(ContainerException.NAME_TAKEN, 409),
            Map.entry(TemplateException.TEMPLATE_EXISTS, 409),
            Map.entry(ContainerException.PORT_TAKEN, 409),
            Map.entry(ContainerException.INVALID_STATE, 409),
            Map.entry(ContainerException.IN_USE, 409),
            Map.entry(TemplateException.UNSIGNED, 422),
            Map.entry(TemplateException.BAD_SIGNATURE, 422),
            Map.entry(TemplateException.UNTRUSTED_PUBLISHER, 422),
            Map.entry(TemplateException.HASH_MISMATCH, 422),
            Map.entry(TemplateException.CONFIG_REFUSED, 422),
            Map.entry(TemplateException.UNSAFE_ENTRY, 422),
            Map.entry(TemplateException.INVALID_ARCHIVE, 422),
            Map.entry(TemplateException.PARENT_MISSING, 422),
            Map.entry(ContainerException.EXEC_TIMEOUT, 504),
            Map.entry(ContainerException.TIMEOUT, 504),
            Map.entry(TemplateException.NO_SPACE, 507),
            Map.entry(ContainerException.LXC_FAILURE, 500),
            Map.entry(TemplateException.STORE_FAILURE, 500),
            Map.entry(ContainerException.NETWORK_FAILURE, 500));

    private ContainerErrorStatus() {
    }

    public static int of(String code) {
        if (code == null) {
            return 500;
        }
        return EXACT.getOrDefault(code, 400);
    }
}
