package io.peeros.rest.internal;

import io.peeros.rest.internal.error.ApiException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.ws.rs.core.Response;

/**
 * One service the REST layer cannot answer without (identity, trust, users, tokens, registry), held dynamically
 * so that updating the bundle that provides it does not close the ports: while it is being replaced, a call
 * waits for the new one for a bounded time (the swap takes a fraction of a second) and then answers 503 with
 * {@code code}. {@link #proxy} is what the resources and filters hold: every call goes to the current service.
 */
final class ServiceSlot<T> {

    private final Class<T> type;
    private final String code;
    private final T proxy;
    private T current;
    private volatile Duration wait = Duration.ofSeconds(3);

    ServiceSlot(Class<T> type, String code) {
        this.type = type;
        this.code = code;
        this.proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler()));
    }

    /** How long a call waits for a missing service before it answers 503. */
    void waitAtMost(Duration wait) {
        this.wait = wait;
    }

    synchronized void bind(T service) {
        current = service;
        notifyAll();
    }

    /** Forgets {@code service} unless another one has replaced it already. */
    synchronized void unbind(T service) {
        if (current == service) {
            current = null;
        }
    }

    synchronized boolean present() {
        return current != null;
    }

    /** The current service, waiting for one for at most the configured time; else 503 {@code code}. */
    synchronized T get() {
        long deadline = System.nanoTime() + wait.toNanos();
        while (current == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, code, "The " + type.getSimpleName()
                        + " service of this peer is not running (is its bundle being updated?); try again later.");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, code, "Interrupted while waiting for the "
                        + type.getSimpleName() + " service");
            }
        }
        return current;
    }

    /** A {@code T} whose every call goes to the current service. */
    T proxy() {
        return proxy;
    }

    private InvocationHandler handler() {
        return (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "current " + type.getSimpleName();
                };
            }
            try {
                return method.invoke(get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
