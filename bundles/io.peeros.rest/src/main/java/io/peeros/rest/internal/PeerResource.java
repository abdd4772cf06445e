package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.rest.internal.dto.PeerInfoDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code /peer}: this peer's id, name, version, URLs, fingerprint and capacity. */
@Path("/peer")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class PeerResource {

    private final PeerRegistry registry;

    PeerResource(PeerRegistry registry) {
        this.registry = registry;
    }

    @GET
    public PeerInfoDto get() {
        PeerInfo info = registry.localInfo();
        return new PeerInfoDto(info.id(), info.name(), info.version(), Iso8601.of(info.publicUrl()),
                Iso8601.of(info.peerUrl()), info.certificateFingerprint(), info.cpuCores(), info.ramBytes(),
                info.freeRamBytes(), info.diskBytes(), info.freeDiskBytes(), info.loadAverage());
    }
}
