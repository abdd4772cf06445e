package io.peeros.rest.internal;

import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateStore;
import io.peeros.rest.internal.security.MutualTls;
import io.peeros.rest.internal.tls.ClientCertificate;
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
 * {@code /p2p/templates} on the mutual-TLS port: the signed archive of a stored template, for a peer that must
 * create a container from a template it lacks. The importing peer verifies it in full (signature, publisher,
 * hashes, paths), so this path only has to be reachable by approved peers, which the handshake ensures.
 */
@Path("/p2p/templates")
@Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
@MutualTls
public final class P2pTemplatesResource {

    private final ContainerServices services;

    P2pTemplatesResource(ContainerServices services) {
        this.services = services;
    }

    /** The archive of the newest version of {@code name}. */
    @GET
    @Path("{name}")
    public Response newest(@PathParam("name") String name, @Context ClientCertificate client) {
        return archive(name, null, client);
    }

    /** The archive of one version. */
    @GET
    @Path("{name}/{version}")
    public Response version(@PathParam("name") String name, @PathParam("version") String version,
            @Context ClientCertificate client) {
        return archive(name, version, client);
    }

    /** Looked up before anything is sent, so an unknown template is still a 404 with the store's code. */
    private Response archive(String name, String version, ClientCertificate client) {
        P2pEnvironments.caller(client);
        TemplateStore store = services.templates();
        TemplateInfo info = store.info(name, version);
        StreamingOutput body = out -> store.writeArchive(info.name(), info.version(), out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + info.name() + "-"
                        + info.version() + ".tar\"")
                .build();
    }
}
