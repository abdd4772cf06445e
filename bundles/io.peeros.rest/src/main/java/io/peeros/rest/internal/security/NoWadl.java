package io.peeros.rest.internal.security;

import javax.ws.rs.container.ContainerRequestContext;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;
import org.apache.cxf.message.Message;

/**
 * Takes the place of CXF's WADL generator, which CXF installs by itself when it is present (it is in Karaf's
 * cxf-jaxrs feature) and which answers {@code ?_wadl} ahead of every filter, authentication included. With
 * this one, {@code ?_wadl} is an ordinary query parameter; the API is described by its OpenAPI document.
 */
public final class NoWadl extends WadlGenerator {

    @Override
    protected void doFilter(ContainerRequestContext context, Message message) {
        // nothing: the request goes on to authentication and its resource
    }
}
