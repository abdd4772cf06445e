package io.peeros.rest.internal;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.ContainerMetricsDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Locale;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code /containers/{name}/metrics}: what the container uses now: CPU time, RAM, processes, disk, network. */
@Path("/containers/{name}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainerMetricsResource {

    private final ContainerServices services;

    ContainerMetricsResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    public ContainerMetricsDto get(@PathParam("name") String name) {
        ContainerMetrics m = services.metrics().container(name);
        return new ContainerMetricsDto(m.name(), m.state().name().toLowerCase(Locale.ROOT), Iso8601.of(m.at()),
                m.cpuNanos(), m.memoryBytes(), m.memoryPeakBytes(), m.oomKills(), m.pids(), m.diskBytes(),
                m.netRxBytes(), m.netTxBytes());
    }
}
