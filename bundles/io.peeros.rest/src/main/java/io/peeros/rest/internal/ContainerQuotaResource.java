package io.peeros.rest.internal;

import io.peeros.container.api.QuotaService;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.QuotaDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code /containers/{name}/quota}: the container's resource limits. {@code PUT} replaces them all (a limit
 * left out is removed) and holds at once on a running container; it answers the limits now in force.
 */
@Path("/containers/{name}/quota")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class ContainerQuotaResource {

    private final ContainerServices services;

    ContainerQuotaResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    public QuotaDto get(@PathParam("name") String name) {
        QuotaService quotas = services.quotas();
        return Quotas.toDto(quotas.quota(name), quotas.sizeClasses());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public QuotaDto set(@PathParam("name") String name, QuotaDto request) {
        QuotaService quotas = services.quotas();
        return Quotas.toDto(quotas.setQuota(name, Quotas.fromDto(request, quotas.sizeClasses())),
                quotas.sizeClasses());
    }
}
