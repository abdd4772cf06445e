package io.peeros.rest.internal;

import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.rest.internal.security.MutualTls;
import io.peeros.rest.internal.tls.ClientCertificate;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

/**
 * {@code /p2p} on the mutual-TLS port: calls between approved peers. The handshake already refused every
 * certificate the trust service does not know; the protocol checks which peer it is.
 */
@Path("/p2p")
@Produces(MediaType.APPLICATION_JSON)
@MutualTls
public final class P2pResource {

    private final PeerProtocol protocol;

    P2pResource(PeerProtocol protocol) {
        this.protocol = protocol;
    }

    @GET
    @Path("heartbeat")
    public PeerInfo heartbeat(@Context ClientCertificate client) {
        return protocol.onHeartbeat(client.orNull());
    }

    @POST
    @Path("unregister")
    public void unregister(@Context ClientCertificate client) {
        protocol.onUnregister(client.orNull());
    }
}
