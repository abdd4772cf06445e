package io.peeros.rest.internal;

import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.container.api.TemplateStore;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.TemplateDto;
import io.peeros.rest.internal.error.ErrorBodies;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * {@code /templates}: the template store. An import is the signed archive as the request body
 * ({@code application/octet-stream}), streamed to a spool file and then verified and unpacked by the store.
 * With {@code Accept: text/event-stream} the answer is a stream of {@code progress} events and one closing
 * {@code imported} (the template) or {@code error} (the usual error body) event; otherwise it is 201 with the
 * template once the import is done.
 */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class TemplatesResource {

    /** The path below the base that takes large bodies, exempt from the API's small-body limit. */
    static final String UPLOAD_PATH = "templates";

    private final ContainerServices services;
    private final TemplateUploads uploads;

    TemplatesResource(ContainerServices services, TemplateUploads uploads) {
        this.services = services;
        this.uploads = uploads;
    }

    @GET
    public List<TemplateDto> list() {
        return services.templates().list().stream().map(Containers::toDto).toList();
    }

    /** One template: {@code name} for the newest version, {@code name:version} or {@code ?version=} for one. */
    @GET
    @Path("{name}")
    public TemplateDto get(@PathParam("name") String name, @QueryParam("version") String version) {
        String[] ref = ref(name, version);
        return Containers.toDto(services.templates().info(ref[0], ref[1]));
    }

    /**
     * The signed archive of a stored template, byte for byte importable on another peer. The template is looked
     * up before anything is sent, so an unknown one is still a 404.
     */
    @GET
    @Path("{name}/archive")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response archive(@PathParam("name") String name, @QueryParam("version") String version) {
        String[] ref = ref(name, version);
        TemplateStore store = services.templates();
        TemplateInfo info = store.info(ref[0], ref[1]);
        StreamingOutput body = out -> store.writeArchive(info.name(), info.version(), out);
        return Response.ok(body).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + info.name()
                + "-" + info.version() + ".tar\"").build();
    }

    /** Removes one version, or every version when none is named; refused while containers use it. */
    @DELETE
    @Path("{name}")
    @RequiresRole(Role.OPERATOR)
    public void remove(@PathParam("name") String name, @QueryParam("version") String version) {
        String[] ref = ref(name, version);
        services.templates().remove(ref[0], ref[1]);
    }

    /** Imports the archive in the body and answers 201 with the template once it is verified and stored. */
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    @RequiresRole(Role.OPERATOR)
    public Response importArchive(InputStream body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) throws IOException {
        TemplateInfo info = importFrom(body, length, TemplateProgress.NONE);
        URI location = UriBuilder.fromResource(TemplatesResource.class).path(info.id()).build();
        return Response.created(location).entity(Containers.toDto(info)).build();
    }

    /** Imports the archive in the body, streaming the progress as Server-Sent Events. */
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.SERVER_SENT_EVENTS + ";qs=0.5")
    @RequiresRole(Role.OPERATOR)
    public void importWithProgress(InputStream body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            @Context SseEventSink sink, @Context Sse sse) {
        try (sink) {
            ProgressEvents events = new ProgressEvents(sink, sse);
            try {
                events.send("imported", Containers.toDto(importFrom(body, length, events)));
            } catch (IOException | RuntimeException e) {
                events.send("error", ErrorBodies.of(e));
            }
        }
    }

    private TemplateInfo importFrom(InputStream body, Long length, TemplateProgress progress) throws IOException {
        return uploads.importFrom(services.templates(), body, length == null ? -1 : length, progress);
    }

    private static String[] ref(String name, String version) {
        String[] ref = Containers.templateRef(name);
        return version == null ? ref : new String[] {ref[0], version};
    }
}
