package io.peeros.rest.internal;

import io.peeros.rest.internal.dto.AvailableUpgradeDto;
import io.peeros.rest.internal.security.MutualTls;
import io.peeros.rest.internal.tls.ClientCertificate;
import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.api.UpgradeService;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/**
 * {@code /p2p/upgrades} on the mutual-TLS port: the signed upgrade archives this peer keeps, for an approved peer
 * that upgrades with {@code --from}. The downloading peer verifies the publisher's signature and every digest
 * itself, exactly as for a local file, so this path only has to be reachable by approved peers.
 */
@Path("/p2p/upgrades")
@Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
@MutualTls
public final class P2pUpgradesResource {

    private final UpgradeServices services;

    P2pUpgradesResource(UpgradeServices services) {
        this.services = services;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AvailableUpgradeDto> list(@Context ClientCertificate client) {
        P2pEnvironments.caller(client);
        return services.upgrades().available().stream().map(Upgrades::toDto).toList();
    }

    /** The archive of one version; looked up before anything is sent, so an unknown one is still a 404. */
    @GET
    @Path("{version}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response archive(@PathParam("version") String version, @Context ClientCertificate client) {
        P2pEnvironments.caller(client);
        UpgradeService upgrades = services.upgrades();
        if (upgrades.available().stream().noneMatch(a -> a.version().equals(version))) {
            throw new UpgradeException(UpgradeException.VERSION_UNKNOWN, "this peer keeps no upgrade archive of "
                    + version);
        }
        StreamingOutput body = out -> upgrades.writeArchive(version, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"peeros-upgrade-" + version + ".zip\"").build();
    }
}
