package io.peeros.rest.internal;

import io.peeros.rest.internal.handover.HandoverConnector;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private CXF bus with the Jetty engines and JAX-RS servers published on it. {@link #close} destroys the
 * servers, stops the engines (freeing the ports) and shuts the bus down; {@link #handOver} does the same but
 * leaves the listening sockets open for a successor, which passes them to {@link #publish}.
 */
final class CxfRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CxfRuntime.class);

    /** How long a handover waits for the requests on connections already accepted (the old server answers them). */
    private static final long HANDOVER_DRAIN_MILLIS = 1000;

    private final ClassLoader loader;
    private final Bus bus;
    private final JettyHTTPServerEngineFactory engines;
    private final List<Server> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Map<Integer, HandoverConnector> connectors = new HashMap<>();

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

    /**
     * Opens the endpoint's port with its TLS settings and publishes its resources there; {@code inherited}, when
     * not null, is the port's listening socket taken over from a predecessor, used instead of binding anew.
     */
    void publish(Endpoint endpoint, ServerSocketChannel inherited) {
        try {
            create(endpoint, inherited);
        } catch (RuntimeException e) {
            // a connector that never started does not close what it was given
            closeQuietly(inherited);
            throw e;
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a taken-over port failed", e);
            }
        }
    }

    private void create(Endpoint endpoint, ServerSocketChannel inherited) {
        withLoader(() -> {
            openPort(endpoint, inherited);
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

    private void openPort(Endpoint endpoint, ServerSocketChannel inherited) {
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
        HandoverConnector connector = connector(endpoint);
        if (inherited != null) {
            try {
                connector.open(inherited);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot take over port " + endpoint.port() + ": " + e.getMessage(), e);
            }
        }
        engine.setConnector(connector);
        connectors.put(endpoint.port(), connector);
    }

    /**
     * The connector CXF would make for {@code endpoint} (HTTP/1.1 over TLS, no server version, SNI not checked
     * against host names), but one whose listening socket can be handed over.
     */
    private static HandoverConnector connector(Endpoint endpoint) {
        TLSServerParameters tls = endpoint.tls();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        try {
            SSLContext context = SSLContext.getInstance(tls.getSecureSocketProtocol() == null ? "TLS"
                    : tls.getSecureSocketProtocol());
            context.init(tls.getKeyManagers(), tls.getTrustManagers(), tls.getSecureRandom());
            ssl.setSslContext(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS on port " + endpoint.port() + ": " + e.getMessage(), e);
        }
        ssl.setIncludeProtocols(tls.getIncludeProtocols().toArray(new String[0]));
        ssl.addExcludeProtocols(tls.getExcludeProtocols().toArray(new String[0]));
        ClientAuthentication auth = tls.getClientAuthentication();
        if (auth != null) {
            ssl.setWantClientAuth(Boolean.TRUE.equals(auth.isWant()));
            ssl.setNeedClientAuth(Boolean.TRUE.equals(auth.isRequired()));
        }
        ssl.setEndpointIdentificationAlgorithm(null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.addCustomizer(new SecureRequestCustomizer(tls.isSniHostCheck()));
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        HandoverConnector connector = new HandoverConnector(new org.eclipse.jetty.server.Server(),
                new SslConnectionFactory(ssl, httpFactory.getProtocol()), httpFactory);
        connector.setHost(endpoint.host());
        connector.setPort(endpoint.port());
        connector.setReuseAddress(true);
        return connector;
    }

    /**
     * Stops everything like {@link #close} but leaves the listening sockets open: connections arriving meanwhile
     * wait in the kernel's backlog for whoever takes them over.
     *
     * @return the open listening sockets by port
     */
    Map<Integer, ServerSocketChannel> handOver() {
        for (HandoverConnector connector : connectors.values()) {
            connector.keepChannel();
            // stop accepting before Jetty stops, so that no connection is accepted by a selector that is stopping
            connector.setAccepting(false);
        }
        long deadline = System.nanoTime() + HANDOVER_DRAIN_MILLIS * 1_000_000;
        for (HandoverConnector connector : connectors.values()) {
            connector.awaitQuiet(deadline);
        }
        close();
        Map<Integer, ServerSocketChannel> kept = new HashMap<>();
        for (Map.Entry<Integer, HandoverConnector> e : connectors.entrySet()) {
            ServerSocketChannel channel = e.getValue().keptChannel();
            if (channel != null && channel.isOpen()) {
                kept.put(e.getKey(), channel);
            } else {
                LOG.warn("The listening socket of port {} was closed on stop: it is bound again", e.getKey());
            }
        }
        connectors.clear();
        return kept;
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
