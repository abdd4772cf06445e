package io.peeros.rest.internal;

import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.QuotaDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code /size-classes}: the limits each size class (TINY to HUGE) stands for on this peer. */
@Path("/size-classes")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class SizeClassesResource {

    private final ContainerServices services;

    SizeClassesResource(ContainerServices services) {
        this.services = services;
    }

    @GET
    public Map<String, QuotaDto> list() {
        QuotaService quotas = services.quotas();
        Map<SizeClass, Quota> classes = quotas.sizeClasses();
        Map<String, QuotaDto> answer = new LinkedHashMap<>();
        for (SizeClass size : SizeClass.values()) {
            Quota quota = classes.get(size);
            if (quota != null) {
                answer.put(size.name(), Quotas.toDto(quota, Map.of(size, quota)));
            }
        }
        return answer;
    }
}
