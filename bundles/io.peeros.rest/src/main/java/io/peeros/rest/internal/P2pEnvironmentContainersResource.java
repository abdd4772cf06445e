package io.peeros.rest.internal;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.ContainerRequest;
import io.peeros.rest.internal.security.MutualTls;
import io.peeros.rest.internal.tls.ClientCertificate;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code /p2p/environments/{id}/containers/{name}} on the mutual-TLS port: one container of an environment. */
@Path("/p2p/environments/{id}/containers/{name}")
@Produces(MediaType.APPLICATION_JSON)
@MutualTls
public final class P2pEnvironmentContainersResource {

    private final EnvironmentServices services;

    P2pEnvironmentContainersResource(EnvironmentServices services) {
        this.services = services;
    }

    /** Makes (or starts) the container ({@code ContainerRequest}) and answers it ({@code AgentContainer}). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") String id, @PathParam("name") String name, byte[] body,
            @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        ContainerRequest request = P2pEnvironments.read(body, ContainerRequest.class);
        if (!request.name().equals(name)) {
            throw new EnvironmentException("INVALID_REQUEST", "The body names container " + request.name()
                    + ", the path " + name + ".");
        }
        return P2pEnvironments.ok(services.agent().createContainer(caller, id, request));
    }

    /** Runs a command in the container ({@code ExecRequest}, timeout in seconds) and answers what it did. */
    @POST
    @Path("exec")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response exec(@PathParam("id") String id, @PathParam("name") String name, byte[] body,
            @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        ExecRequest request = P2pEnvironments.read(body, ExecRequest.class);
        return P2pEnvironments.ok(services.agent().exec(caller, id, name, request));
    }

    /** The container's limits ({@code Quota}). */
    @GET
    @Path("quota")
    public Response quota(@PathParam("id") String id, @PathParam("name") String name,
            @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        return P2pEnvironments.ok(services.agent().quota(caller, id, name));
    }

    /** Replaces the container's limits with the body ({@code Quota}), at once: 204. */
    @PUT
    @Path("quota")
    @Consumes(MediaType.APPLICATION_JSON)
    public void setQuota(@PathParam("id") String id, @PathParam("name") String name, byte[] body,
            @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        services.agent().setQuota(caller, id, name, P2pEnvironments.read(body, Quota.class));
    }

    /** Destroys the container; nothing when it is already gone. */
    @DELETE
    public void remove(@PathParam("id") String id, @PathParam("name") String name,
            @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        services.agent().removeContainer(caller, id, name);
    }
}
