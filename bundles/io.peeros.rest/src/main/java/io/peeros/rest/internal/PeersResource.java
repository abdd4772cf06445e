package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import io.peeros.rest.internal.dto.ApprovalDto;
import io.peeros.rest.internal.dto.OutgoingRegistrationDto;
import io.peeros.rest.internal.dto.RegisterPeerDto;
import io.peeros.rest.internal.dto.RemotePeerDto;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;

/**
 * {@code /peers}: the known peers, registering with a new one, and deciding on a peer by id (or a unique
 * prefix of 8 or more characters). Incoming requests are listed by {@link PeerRequestsResource}.
 */
@Path("/peers")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class PeersResource {

    private final PeerRegistry registry;

    PeersResource(PeerRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<RemotePeerDto> list() {
        return registry.peers().stream().map(PeersResource::toDto).toList();
    }

    /** Asks the peer at the URL to register; the answer carries the code for its owner. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response register(RegisterPeerDto request) {
        OutgoingRegistration out = registry.register(url(request.url()));
        URI location = UriBuilder.fromResource(PeersResource.class).path(out.remotePeerId()).build();
        return Response.created(location).entity(new OutgoingRegistrationDto(out.remotePeerId(), out.remoteName(),
                Iso8601.of(out.remoteUrl()), out.remoteCertificateFingerprint(), out.code(),
                Iso8601.of(out.expires()))).build();
    }

    @GET
    @Path("{id}")
    public RemotePeerDto get(@PathParam("id") String id) {
        return registry.peer(id).map(PeersResource::toDto)
                .orElseThrow(() -> new RegistryException("PEER_UNKNOWN", "No known peer has the id '" + id + "'."));
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public RemotePeerDto approve(@PathParam("id") String id, ApprovalDto approval) {
        return toDto(registry.approve(id, approval.code()));
    }

    @POST
    @Path("{id}/reject")
    @RequiresRole(Role.ADMIN)
    public void reject(@PathParam("id") String id) {
        registry.reject(id);
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.ADMIN)
    public void unregister(@PathParam("id") String id) {
        registry.unregister(id);
    }

    private static URI url(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RegistryException("URL_INVALID", "'" + url + "' is not a URL: " + e.getReason() + ".", e);
        }
    }

    static RemotePeerDto toDto(RemotePeer peer) {
        return new RemotePeerDto(peer.id(), peer.name(), Iso8601.of(peer.publicUrl()), Iso8601.of(peer.peerUrl()),
                lower(peer.state()), lower(peer.direction()), peer.certificateFingerprint(), Iso8601.of(peer.since()),
                Iso8601.of(peer.lastSeen()));
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
