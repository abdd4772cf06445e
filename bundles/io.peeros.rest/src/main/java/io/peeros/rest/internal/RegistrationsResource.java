package io.peeros.rest.internal;

import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.rest.internal.security.RateLimited;
import io.peeros.rest.internal.tls.ClientCertificate;
import io.swagger.v3.oas.annotations.Hidden;
import javax.annotation.security.PermitAll;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

/**
 * {@code /p2p/registrations} on the public port: the registration part of the peer protocol. No token: the
 * caller is a peer not yet trusted, authenticated by the TLS client certificate it presents and by the
 * code-keyed tags the registry checks. Not part of the user API's OpenAPI document.
 */
@Path("/p2p/registrations")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Hidden
public final class RegistrationsResource {

    private final PeerProtocol protocol;

    RegistrationsResource(PeerProtocol protocol) {
        this.protocol = protocol;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited
    public RegistrationReply register(RegistrationMessage message, @Context ClientCertificate client) {
        return protocol.onRegistration(message, client.orNull());
    }

    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited
    public ConfirmReply confirm(@PathParam("id") String id, ConfirmMessage message,
            @Context ClientCertificate client) {
        return protocol.onConfirm(id, message, client.orNull());
    }

    @POST
    @Path("{id}/reject")
    @RateLimited
    public void reject(@PathParam("id") String id, @Context ClientCertificate client) {
        protocol.onReject(id, client.orNull());
    }
}
