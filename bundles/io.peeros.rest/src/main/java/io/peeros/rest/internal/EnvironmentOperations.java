package io.peeros.rest.internal;

import io.peeros.environment.api.Progress;
import io.peeros.rest.internal.error.ApiException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.ws.rs.core.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the long environment operations (build, grow, shrink, destroy) in the background for the REST API, which
 * answers 202 once the operation has shown it started: its first event, its end, or its refusal (answered as
 * the error it is). The server starts it on activation and stops it on deactivation.
 */
final class EnvironmentOperations {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentOperations.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Duration startWait;
    private volatile ExecutorService executor;

    EnvironmentOperations(Duration startWait) {
        this.startWait = startWait;
    }

    void start() {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "peeros-rest-environment-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets running operations end for a few seconds, then interrupts them. */
    void stop() {
        ExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Interrupting environment operations still running as the REST API stops");
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts {@code operation} in the background and waits until it has started.
     *
     * @param operation runs the operation with the progress listener it is given, returns the environment id
     * @return the id of the environment, from the first event or the operation's end
     * @throws RuntimeException the operation's own refusal when it failed before its first event
     */
    String run(String name, Function<Consumer<Progress>, String> operation) {
        ExecutorService running = executor;
        CompletableFuture<String> started = new CompletableFuture<>();
        try {
            if (running == null) {
                throw new RejectedExecutionException("stopped");
            }
            running.execute(() -> {
                try {
                    started.complete(operation.apply(p -> started.complete(p.environmentId())));
                } catch (RuntimeException e) {
                    if (!started.completeExceptionally(e)) {
                        LOG.info("Environment {} failed: {}", name, e.toString());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, EnvironmentServices.UNAVAILABLE,
                    "The REST API is stopping; try again later.");
        }
        try {
            return started.get(startWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(Response.Status.GATEWAY_TIMEOUT, "OPERATION_SLOW", "The " + name + " was "
                    + "started but reported nothing within " + startWait.toSeconds() + " s; GET /environments "
                    + "shows where it stands.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, EnvironmentServices.UNAVAILABLE,
                    "Interrupted while starting the " + name + ".");
        }
    }
}
