package io.peeros.rest.internal;

import io.peeros.container.api.HostMetrics;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.HostMetricsDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code /host/metrics}: what the whole host uses now: CPU, RAM, swap, the containers' disk, network. */
@Path("/host/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class HostMetricsResource {

    private final ContainerServices services;

    HostMetricsResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    public HostMetricsDto get() {
        HostMetrics h = services.metrics().host();
        return new HostMetricsDto(Iso8601.of(h.at()), h.cpus(), h.cpuBusyNanos(), h.cpuTotalNanos(),
                h.memoryTotalBytes(), h.memoryAvailableBytes(), h.swapTotalBytes(), h.swapFreeBytes(),
                h.diskTotalBytes(), h.diskFreeBytes(), h.netRxBytes(), h.netTxBytes());
    }
}
