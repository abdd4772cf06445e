package io.peeros.rest.internal;

import java.util.List;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.feature.Feature;

/**
 * One HTTPS port and what it serves under {@value #BASE_PATH}.
 *
 * @param name a short name for logs and thread names
 * @param host the listen address
 * @param port the TCP port
 * @param tls key, trust and client-certificate policy of the port
 * @param resources the JAX-RS root resources, as singletons
 * @param providers JAX-RS providers: JSON, filters, exception mappers
 * @param features CXF features, such as the OpenAPI document
 */
record Endpoint(String name, String host, int port, TLSServerParameters tls, List<Object> resources,
        List<Object> providers, List<Feature> features) {

    static final String BASE_PATH = "/api/v1";

    /** The address CXF publishes at, e.g. {@code https://0.0.0.0:8443/api/v1}. */
    String address() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + h + ":" + port + BASE_PATH;
    }
}
