package io.peeros.rest.internal;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.Progress;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.dto.OperationDto;
import io.peeros.rest.internal.error.ErrorBodies;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * {@code /environments/{env}/events}: the progress of whatever runs on the environment now, as Server-Sent
 * Events: {@code progress} events, then one closing {@code end} event with the state it settled in
 * ({@code healthy}, {@code failed}, {@code cancelled}, or {@code destroyed} once it is gone). When nothing runs,
 * the stream is only the {@code end} event.
 */
@Path("/environments/{env}/events")
@RequiresRole(Role.VIEWER)
@SecurityRequirement(name = OpenApi.BEARER)
public final class EnvironmentEventsResource {

    private static final long POLL_MILLIS = 250;
    private static final long DRAIN_QUIET_MILLIS = 300;
    private static final long DRAIN_MAX_MILLIS = 3000;

    private final EnvironmentServices services;

    EnvironmentEventsResource(EnvironmentServices services) {
        this.services = services;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("env") String env, @Context SseEventSink sink, @Context Sse sse) {
        EnvironmentService service = services.environments();
        String id = Environments.get(service, env).id();
        try (sink) {
            ProgressEvents events = new ProgressEvents(sink, sse);
            BlockingQueue<Progress> queue = new LinkedBlockingQueue<>();
            try (AutoCloseable following = service.follow(id, queue::add)) {
                Optional<Environment> now = service.get(id);
                while (!sink.isClosed() && now.isPresent() && !Environments.SETTLED.contains(now.get().state())) {
                    Progress next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        events.send("progress", Environments.toDto(next));
                    }
                    now = service.get(id);
                }
                // An operation reports its last event (e.g. "is HEALTHY") just after its state settles: keep
                // forwarding until the stream has been quiet for a moment, so no event is cut off by "end".
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MAX_MILLIS);
                for (Progress rest = queue.poll(DRAIN_QUIET_MILLIS, TimeUnit.MILLISECONDS); rest != null
                        && System.nanoTime() < until; rest = queue.poll(DRAIN_QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                    events.send("progress", Environments.toDto(rest));
                }
                events.send("end", new OperationDto(id, null, now.map(e -> Environments.lowerCase(e.state()))
                        .orElse("destroyed"), now.flatMap(Environment::failure).orElse(null), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                events.send("error", ErrorBodies.of(e));
            }
        }
    }
}
