package io.peeros.rest.internal;

import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.PrepareRequest;
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

/**
 * {@code /p2p/environments} on the mutual-TLS port: this peer's part of environments, as the builder asks for it.
 * The caller is the peer whose certificate opened the connection; the agent refuses a caller that is not the
 * environment's builder ({@code NOT_INITIATOR}).
 */
@Path("/p2p/environments")
@Produces(MediaType.APPLICATION_JSON)
@MutualTls
public final class P2pEnvironmentsResource {

    private final EnvironmentServices services;

    P2pEnvironmentsResource(EnvironmentServices services) {
        this.services = services;
    }

    /** What this peer can take ({@code Capacity}). */
    @GET
    @Path("capacity")
    public Response capacity(@Context ClientCertificate client) {
        P2pEnvironments.caller(client);
        return P2pEnvironments.ok(services.agent().capacity());
    }

    /** The environments this peer hosts a part of ({@code HostedEnvironment} list). */
    @GET
    public Response hosted(@Context ClientCertificate client) {
        P2pEnvironments.caller(client);
        return P2pEnvironments.ok(services.agent().hosted());
    }

    /** Takes part in an environment ({@code PrepareRequest}); the id in the body must be the one in the path. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public void prepare(@PathParam("id") String id, byte[] body, @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        PrepareRequest request = P2pEnvironments.read(body, PrepareRequest.class);
        if (!request.environmentId().equals(id)) {
            throw new EnvironmentException("INVALID_REQUEST", "The body names environment "
                    + request.environmentId() + ", the path " + id + ".");
        }
        services.agent().prepare(caller, request);
    }

    /** Writes the hosts table and SSH keys into the environment's containers here ({@code ConfigureRequest}). */
    @POST
    @Path("{id}/configure")
    @Consumes(MediaType.APPLICATION_JSON)
    public void configure(@PathParam("id") String id, byte[] body, @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        services.agent().configure(caller, id, P2pEnvironments.read(body, ConfigureRequest.class));
    }

    /** Destroys the environment's containers here, leaves its swarm and forgets it. */
    @DELETE
    @Path("{id}")
    public void release(@PathParam("id") String id, @Context ClientCertificate client) {
        String caller = P2pEnvironments.caller(client);
        services.agent().release(caller, id);
    }
}
