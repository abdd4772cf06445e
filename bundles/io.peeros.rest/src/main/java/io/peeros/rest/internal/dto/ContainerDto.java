package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * A container; see {@link io.peeros.container.api.ContainerInfo}.
 *
 * @param state {@code stopped}, {@code starting}, {@code running}, {@code stopping}, {@code aborting},
 *        {@code freezing} or {@code frozen}
 * @param pid the host PID of its init, 0 when not active
 * @param addresses its global IP addresses, empty when stopped
 * @param template the template it descends from as {@code name:version}, {@code null} if unknown
 * @param origin the container it is a copy-on-write clone of, or {@code null}
 * @param created ISO-8601 instant
 * @param hostname the container's hostname (its name unless set otherwise)
 * @param ports the host ports forwarded to it
 */
public record ContainerDto(String name, String state, int pid, List<String> addresses, String template,
        String origin, String created, String hostname, List<PortMappingDto> ports) {
}
