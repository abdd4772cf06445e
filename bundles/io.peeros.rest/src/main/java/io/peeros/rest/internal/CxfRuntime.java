package io.peeros.rest.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private CXF bus with the Jetty engines and JAX-RS servers published on it. {@link #close} destroys the
 * servers, stops the engines (freeing the ports) and shuts the bus down.
 */
final class CxfRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CxfRuntime.class);

    private final ClassLoader loader;
    private final Bus bus;
    private final JettyHTTPServerEngineFactory engines;
    private final List<Server> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    /** @param loader the bundle's class loader, the context class loader while CXF builds things */
    CxfRuntime(ClassLoader loader) {
        this.loader = loader;
        this.bus = withLoader(() -> {
            Bus previous = BusFactory.getThreadDefaultBus(false);
            try {
                return BusFactory.newInstance().createBus();
            } finally {
                // createBus makes the new bus this thread's default; leave the caller's thread as it was
                BusFactory.setThreadDefaultBus(previous);
            }
        });
        this.engines = new JettyHTTPServerEngineFactory(bus);
    }

    /** Opens the endpoint's port with its TLS settings and publishes its resources there. */
    void publish(Endpoint endpoint) {
        withLoader(() -> {
            openPort(endpoint);
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(endpoint.address());
            factory.setServiceBeans(endpoint.resources());
            factory.setProviders(endpoint.providers());
            factory.setFeatures(endpoint.features());
            // Location headers keep the host the client used, even when it is 127.0.0.1
            factory.setProperties(Map.of("replace.loopback.address.with.localhost", "false"));
            servers.add(factory.create());
            return null;
        });
    }

    private void openPort(Endpoint endpoint) {
        // CXF keeps engines in a JVM-wide map by port: never take over one that another bus owns
        if (engines.retrieveJettyHTTPServerEngine(endpoint.port()) != null) {
            throw new IllegalStateException("Port " + endpoint.port() + " is already served by another CXF "
                    + "endpoint in this JVM");
        }
        try {
            engines.setTLSServerParametersForPort(endpoint.host(), endpoint.port(), endpoint.tls());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS on port " + endpoint.port() + ": " + e.getMessage(), e);
        }
        ports.add(endpoint.port());
        JettyHTTPServerEngine engine = engines.retrieveJettyHTTPServerEngine(endpoint.port());
        ThreadingParameters threads = new ThreadingParameters();
        threads.setMinThreads(2);
        threads.setMaxThreads(32);
        threads.setThreadNamePrefix("peeros-rest-" + endpoint.name());
        engine.setThreadingParameters(threads);
        engine.setSendServerVersion(false);
    }

    @Override
    public void close() {
        withLoader(() -> {
            for (Server server : servers) {
                try {
                    server.destroy();
                } catch (RuntimeException e) {
                    LOG.warn("Cannot stop the REST server at {}", server.getEndpoint().getEndpointInfo()
                            .getAddress(), e);
                }
            }
            servers.clear();
            ports.forEach(JettyHTTPServerEngineFactory::destroyForPort);
            ports.clear();
            bus.shutdown(true);
            return null;
        });
    }

    private <T> T withLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
