package io.peeros.shell.internal.env;

import io.peeros.environment.api.Progress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a long environment operation on a thread of its own while the command's thread prints its events, so
 * that Ctrl-C (which interrupts the command's thread) can ask the service to cancel it instead of leaving it
 * half done: the operation then rolls back and its outcome is still shown.
 */
final class Operation<T> {

    private static final long POLL_MILLIS = 100;

    private final BlockingQueue<Progress> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile String environmentId;

    /**
     * @param operation the operation, given the listener to report to
     * @param printer prints each event on the command's thread
     * @param onInterrupt called once with the environment id (null before the first event) on Ctrl-C
     */
    T run(String threadName, Function<Consumer<Progress>, T> operation, Consumer<Progress> printer,
            Consumer<String> onInterrupt) {
        Thread worker = new Thread(() -> {
            try {
                result.complete(operation.apply(event -> {
                    environmentId = event.environmentId();
                    events.add(event);
                }));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        worker.setDaemon(true);
        worker.start();
        boolean interrupted = false;
        while (!result.isDone() || !events.isEmpty()) {
            try {
                Progress event = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (event != null) {
                    printer.accept(event);
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    onInterrupt.accept(environmentId);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) cause;
        }
    }
}
