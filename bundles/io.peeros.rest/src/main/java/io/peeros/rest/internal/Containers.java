package io.peeros.rest.internal;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.TemplateInfo;
import io.peeros.rest.internal.dto.ContainerDto;
import io.peeros.rest.internal.dto.PortMappingDto;
import io.peeros.rest.internal.dto.TemplateDto;
import io.peeros.rest.internal.error.ApiException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import javax.ws.rs.core.Response;

/** Conversions shared by the container and template resources. */
final class Containers {

    /** The longest timeout a caller may ask for: a day. */
    private static final double MAX_SECONDS = 86_400;

    private Containers() {
    }

    static ContainerDto toDto(ContainerInfo info) {
        return new ContainerDto(info.name(), info.state().name().toLowerCase(Locale.ROOT), info.pid(),
                info.addresses().stream().map(InetAddress::getHostAddress).toList(), info.template(), info.origin(),
                Iso8601.of(info.created()), info.hostname(), info.ports().stream().map(Containers::toDto).toList());
    }

    static PortMappingDto toDto(PortMapping mapping) {
        return new PortMappingDto(mapping.protocol().lowerCase(), mapping.hostPort(), mapping.containerPort());
    }

    static TemplateDto toDto(TemplateInfo info) {
        return new TemplateDto(info.id(), info.name(), info.version(), info.parent(), info.architecture(),
                Iso8601.of(info.created()), info.rootfsSize(), info.rootfsCompressedSize(), info.rootfsSha256(),
                info.configSha256(), info.publisher());
    }

    /** Seconds as a duration; {@code null} stays null (the manager's default). */
    static Duration seconds(Double seconds, String field) {
        if (seconds == null) {
            return null;
        }
        if (seconds.isNaN() || seconds < 0 || seconds > MAX_SECONDS) {
            throw new ApiException(Response.Status.BAD_REQUEST, "INVALID_REQUEST", "'" + field
                    + "' must be a number of seconds from 0 to " + (long) MAX_SECONDS + ".");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** {@code name} or {@code name:version}: [name, version or null]. */
    static String[] templateRef(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "INVALID_REQUEST",
                    "Give the template as 'name' or 'name:version'.");
        }
        int colon = ref.indexOf(':');
        return colon < 0 ? new String[] {ref.strip(), null}
                : new String[] {ref.substring(0, colon).strip(), ref.substring(colon + 1).strip()};
    }
}
