package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.UpgradeRecordDto;
import io.peeros.rest.internal.dto.UpgradeRequestDto;
import io.peeros.rest.internal.dto.UpgradeStepDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.error.ErrorBodies;
import io.peeros.rest.internal.security.RequiresRole;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * {@code /upgrades}: the upgrade history, and upgrades of this peer (admins only). A POST carries either the
 * signed archive as the body ({@code application/octet-stream}, {@code ?dryRun=true} to only verify and
 * simulate) or a JSON {@link UpgradeRequestDto} naming a kept version or a peer to download from. The answer is
 * the upgrade's record once it has ended (200, also when it was rolled back: the record says so); with
 * {@code Accept: text/event-stream} it is a stream of {@code step} events and one closing {@code upgraded} (the
 * record) or {@code error} event. A refused archive is the usual error body with the upgrade code.
 */
@Path("/upgrades")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
@SecurityRequirement(name = OpenApi.BEARER)
public final class UpgradesResource {

    /** The path below the base that takes large bodies, exempt from the API's small-body limit. */
    static final String UPLOAD_PATH = "upgrades";

    private final UpgradeServices services;

    UpgradesResource(UpgradeServices services) {
        this.services = services;
    }

    @GET
    public List<UpgradeRecordDto> history() {
        return services.upgrades().history().stream().map(Upgrades::toDto).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    public UpgradeRecordDto upload(InputStream body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun)
            throws IOException {
        return Upgrades.toDto(Upgrades.fromUpload(services.upgrades(), body, dryRun, UpgradeProgress.NONE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    public void uploadWithProgress(InputStream body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Context SseEventSink sink, @Context Sse sse) {
        stream(sink, sse, progress -> Upgrades.fromUpload(services.upgrades(), body, dryRun, progress));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    public UpgradeRecordDto request(UpgradeRequestDto request) {
        return Upgrades.toDto(services.upgrades().upgrade(toRequest(request), UpgradeProgress.NONE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    public void requestWithProgress(UpgradeRequestDto request, @Context SseEventSink sink, @Context Sse sse) {
        UpgradeRequest r = toRequest(request);
        stream(sink, sse, progress -> services.upgrades().upgrade(r, progress));
    }

    private interface Run {
        UpgradeRecord run(UpgradeProgress progress) throws IOException;
    }

    private static void stream(SseEventSink sink, Sse sse, Run run) {
        try (sink) {
            ProgressEvents events = new ProgressEvents(sink, sse);
            try {
                events.send("upgraded", Upgrades.toDto(run.run(line -> events.send("step", new UpgradeStepDto(line)))));
            } catch (IOException | RuntimeException e) {
                events.send("error", ErrorBodies.of(e));
            }
        }
    }

    private static UpgradeRequest toRequest(UpgradeRequestDto dto) {
        if (dto == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "BODY_MISSING",
                    "Send {\"version\": ..., \"fromPeer\": ..., \"dryRun\": ...} or the archive itself.");
        }
        if (dto.fromPeer() != null && !dto.fromPeer().isBlank()) {
            return UpgradeRequest.fromPeer(dto.fromPeer(), dto.version(), dto.dryRun());
        }
        return UpgradeRequest.ofVersion(dto.version(), dto.dryRun());
    }
}
