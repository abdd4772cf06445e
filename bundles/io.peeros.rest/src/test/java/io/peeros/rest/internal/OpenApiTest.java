package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.rest.internal.support.Answer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The OpenAPI document is public and lists every operation of the user API, and no protocol call. */
public class OpenApiTest {

    static final List<Class<?>> USER_API = List.of(PeerResource.class, PeersResource.class,
            PeerRequestsResource.class, AuthResource.class, UsersResource.class, ContainersResource.class,
            ContainerResource.class, ContainerExecResource.class, ContainerPortsResource.class,
            ContainerQuotaResource.class, ContainerMetricsResource.class, HostMetricsResource.class,
            SizeClassesResource.class, TemplatesResource.class, SwarmsResource.class, SwarmResource.class,
            EnvironmentsResource.class, EnvironmentResource.class, EnvironmentEventsResource.class,
            EnvironmentExecResource.class);

    private static RestFixture rest;
    private static JsonNode document;

    @BeforeClass
    public static void start() throws Exception {
        rest = RestFixture.start();
        Answer answer = rest.call("GET", "/openapi.json", null, null);
        assertEquals(answer.toString(), 200, answer.status());
        document = answer.json();
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void isAnOpenApi3DocumentWithTheBearerScheme() {
        assertTrue(document.path("openapi").asText().startsWith("3."));
        assertEquals("PeerOS REST API", document.path("info").path("title").asText());
        assertEquals("/api/v1", document.path("servers").path(0).path("url").asText());
        assertEquals("bearer", document.path("components").path("securitySchemes").path("bearer").path("scheme")
                .asText());
    }

    @Test
    public void listsEveryOperationOfTheUserApi() {
        List<String> missing = new ArrayList<>();
        for (String operation : operations()) {
            String[] parts = operation.split(" ", 2);
            if (document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).isMissingNode()) {
                missing.add(operation);
            }
        }
        assertTrue("missing from openapi.json: " + missing + "\n" + document.path("paths").fieldNames(),
                missing.isEmpty());
    }

    @Test
    public void protectedOperationsNeedTheBearerToken() {
        JsonNode users = document.path("paths").path("/users").path("get");
        JsonNode token = document.path("paths").path("/auth/token").path("post");

        assertTrue(users.toString(), users.path("security").toString().contains("bearer"));
        assertFalse(token.toString(), token.path("security").toString().contains("bearer"));
    }

    @Test
    public void leavesOutThePeerProtocol() {
        document.path("paths").fieldNames().forEachRemaining(path -> assertFalse(path, path.startsWith("/p2p")));
    }

    @Test
    public void describesTheBodies() {
        JsonNode schemas = document.path("components").path("schemas");

        assertTrue(schemas.toString(), schemas.path("NewUserDto").path("properties").has("password"));
        assertTrue(schemas.toString(), schemas.path("RemotePeerDto").path("properties").has("certificateFingerprint"));
        assertTrue(schemas.toString(), schemas.path("ContainerDto").path("properties").has("addresses"));
        assertTrue(schemas.toString(), schemas.path("ExecDto").path("properties").has("command"));
        assertTrue(schemas.toString(), schemas.path("ExecResultDto").path("properties").has("exitCode"));
        assertTrue(schemas.toString(), schemas.path("TemplateDto").path("properties").has("rootfsSha256"));
        assertTrue(schemas.toString(), schemas.path("QuotaDto").path("properties").has("sizeClass"));
        assertTrue(schemas.toString(), schemas.path("SwarmDto").path("properties").has("members"));
        assertTrue(schemas.toString(), schemas.path("SwarmMemberDto").path("properties").has("rttMillis"));
        assertTrue(schemas.toString(), schemas.path("VpnStatsDto").path("properties").has("drops"));
        assertTrue(schemas.toString(), schemas.path("NewSwarmDto").path("properties").has("subnet"));
        assertTrue(schemas.toString(), schemas.path("MembersDto").path("properties").has("members"));
    }

    @Test
    public void describesTheTemplateUploadAndItsEventStream() {
        JsonNode post = document.path("paths").path("/templates").path("post");

        assertTrue(post.toString(), post.path("requestBody").path("content").has("application/octet-stream"));
        assertTrue(post.toString(), post.toString().contains("text/event-stream"));
    }

    /** "METHOD /path" of every resource method, from the JAX-RS annotations. */
    static List<String> operations() {
        List<String> operations = new ArrayList<>();
        for (Class<?> type : USER_API) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(http.value() + " " + base + (sub == null ? "" : "/" + sub.value()));
                    }
                }
            }
        }
        return operations;
    }
}
