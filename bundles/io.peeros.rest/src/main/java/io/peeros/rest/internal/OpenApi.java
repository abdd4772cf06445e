package io.peeros.rest.internal;

import io.swagger.v3.jaxrs2.integration.JaxrsApplicationScanner;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.apache.cxf.jaxrs.openapi.OpenApiCustomizer;
import org.apache.cxf.jaxrs.openapi.OpenApiFeature;

/** The OpenAPI 3 document of the user API at {@code /api/v1/openapi.json} (and {@code .yaml}). */
final class OpenApi {

    /** The name of the bearer security scheme resources refer to. */
    static final String BEARER = "bearer";

    private OpenApi() {
    }

    static OpenApiFeature feature() {
        OpenApiFeature feature = new OpenApiFeature();
        feature.setTitle("PeerOS REST API");
        feature.setVersion("1");
        feature.setDescription("Users and peers of one PeerOS peer. Get a token with POST /auth/token and send "
                + "it as 'Authorization: Bearer <token>'. Errors are {\"code\", \"message\", \"status\"}.");
        feature.setPrettyPrint(true);
        feature.setSecurityDefinitions(Map.of(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer")));
        // Document exactly the published resources: no class-path scan, which in OSGi would walk
        // whatever the swagger bundle's loader sees.
        feature.setScan(false);
        feature.setScannerClass(JaxrsApplicationScanner.class.getName());
        // A context of our own: swagger keeps contexts in a JVM-wide map, and the default one is shared.
        feature.setUseContextBasedConfig(true);
        feature.setSupportSwaggerUi(false);
        feature.setCustomizer(new BasePath());
        return feature;
    }

    /** Paths in the document are relative to the API's base path, wherever the client reached it. */
    private static final class BasePath extends OpenApiCustomizer {

        @Override
        public void customize(OpenAPI oas) {
            super.customize(oas);
            oas.setServers(List.of(new Server().url(Endpoint.BASE_PATH)));
        }
    }
}
