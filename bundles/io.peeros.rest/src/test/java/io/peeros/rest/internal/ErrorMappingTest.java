package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import java.net.http.HttpRequest;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Every failure answers {"code", "message", "status"} with the status its code calls for. */
public class ErrorMappingTest {

    private static RestFixture rest;
    private static String admin;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        admin = rest.token(Role.ADMIN);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void unknownPeerIs404() throws Exception {
        assertError(rest.call("GET", "/peers/0123456789abcdef", null, admin), 404, "PEER_UNKNOWN");
    }

    @Test
    public void existingUserIs409() throws Exception {
        String body = "{\"name\": \"carol\", \"password\": \"carol-password\", \"role\": \"viewer\"}";
        assertEquals(201, rest.call("POST", "/users", body, admin).status());

        assertError(rest.call("POST", "/users", body, admin), 409, "USER_EXISTS");
    }

    @Test
    public void pendingRequestIs409() throws Exception {
        String body = "{\"url\": \"https://pending.test:8443\"}";
        assertEquals(201, rest.call("POST", "/peers", body, admin).status());

        assertError(rest.call("POST", "/peers", body, admin), 409, "REQUEST_PENDING");
    }

    @Test
    public void ownerIs409() throws Exception {
        assertError(rest.call("DELETE", "/users/admin", null, admin), 409, "USER_IS_OWNER");
    }

    @Test
    public void wrongCodeIs422() throws Exception {
        rest.registry.addRequest("1".repeat(64), "requester");

        assertError(rest.call("POST", "/peers/11111111/approve", "{\"code\": \"WRONG\"}", admin), 422, "CODE_WRONG");
    }

    @Test
    public void weakPasswordAndBadValuesAre400() throws Exception {
        assertError(rest.call("POST", "/users", "{\"name\": \"dave\", \"password\": \"short\", \"role\": \"viewer\"}",
                admin), 400, "PASSWORD_WEAK");
        assertError(rest.call("POST", "/users", "{\"name\": \"dave\", \"password\": \"dave-password\", "
                + "\"role\": \"superuser\"}", admin), 400, "ROLE_UNKNOWN");
        assertError(rest.call("POST", "/peers", "{\"url\": \"ftp://x.test\"}", admin), 400, "URL_INVALID");
        assertError(rest.call("POST", "/peers", "{\"url\": \"https://bad host\"}", admin), 400, "URL_INVALID");
    }

    @Test
    public void unreachablePeerIs502() throws Exception {
        assertError(rest.call("POST", "/peers", "{\"url\": \"https://far.unreachable.test:8443\"}", admin), 502,
                "PEER_UNREACHABLE");
    }

    @Test
    public void malformedJsonNamesLineAndColumn() throws Exception {
        Answer answer = rest.call("POST", "/users", "{\n  \"name\": \"erin\",\n  \"password\" \"x\"\n}", admin);

        assertError(answer, 400, "BODY_INVALID");
        assertTrue(answer.message(), answer.message().contains("line 3, column"));
    }

    @Test
    public void unknownFieldIsNamed() throws Exception {
        Answer answer = rest.call("POST", "/peers", "{\"url\": \"https://x.test\", \"uri\": 1}", admin);

        assertError(answer, 400, "FIELD_UNKNOWN");
        assertTrue(answer.message(), answer.message().startsWith("Unknown field 'uri'; known fields: url"));
        assertTrue(answer.message(), answer.message().contains("line 1"));
    }

    @Test
    public void missingFieldIsNamed() throws Exception {
        Answer answer = rest.call("POST", "/users", "{\"name\": \"frank\", \"role\": \"viewer\"}", admin);

        assertError(answer, 400, "FIELD_MISSING");
        assertTrue(answer.message(), answer.message().startsWith("Field 'password' is required"));
    }

    @Test
    public void nullFieldIsMissing() throws Exception {
        Answer answer = rest.call("POST", "/auth/token", "{\"user\": \"admin\", \"password\": null}", null);

        assertError(answer, 400, "FIELD_MISSING");
        assertTrue(answer.message(), answer.message().startsWith("Field 'password' is required"));
    }

    @Test
    public void wrongTypeIsNamed() throws Exception {
        Answer answer = rest.call("POST", "/peers", "{\"url\": {\"host\": \"x\"}}", admin);

        assertError(answer, 400, "FIELD_INVALID");
        assertTrue(answer.message(), answer.message().startsWith("Field 'url' must be a string"));
    }

    @Test
    public void wrongShapeAndEmptyBodyAre400() throws Exception {
        Answer array = rest.call("POST", "/peers", "[1, 2]", admin);
        Answer empty = rest.client().send(HttpRequest.newBuilder(rest.publicUri("/peers"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertError(array, 400, "BODY_INVALID");
        assertTrue(array.message(), array.message().startsWith("The body must be an object"));
        assertError(empty, 400, "BODY_MISSING");
    }

    @Test
    public void trailingContentIsRefused() throws Exception {
        assertError(rest.call("POST", "/peers", "{\"url\": \"https://x.test\"} {}", admin), 400, "BODY_INVALID");
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        String huge = "{\"url\": \"https://x.test/" + "a".repeat(70_000) + "\"}";
        Answer declared = rest.call("POST", "/peers", huge, admin);
        Answer streamed = rest.client().send(HttpRequest.newBuilder(rest.publicUri("/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());

        assertError(declared, 413, "BODY_TOO_LARGE");
        assertError(streamed, 413, "BODY_TOO_LARGE");
        assertTrue(streamed.message(), streamed.message().contains("65536 bytes"));
    }

    @Test
    public void unknownPathIsJson404() throws Exception {
        Answer answer = rest.call("GET", "/nothing/here", null, admin);

        assertError(answer, 404, "NOT_FOUND");
        assertTrue(answer.message(), answer.message().contains("GET /api/v1/nothing/here"));
    }

    @Test
    public void wrongMethodIsJson405WithAllow() throws Exception {
        Answer answer = rest.call("DELETE", "/peer", null, admin);

        assertError(answer, 405, "METHOD_NOT_ALLOWED");
        assertTrue(answer.header("Allow"), answer.header("Allow").contains("GET"));
    }

    @Test
    public void wrongMediaTypeIsJson415() throws Exception {
        Answer answer = rest.client().send(HttpRequest.newBuilder(rest.publicUri("/peers"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("https://x.test")).build());

        assertError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    public void unexpectedFailureIs500WithoutStackTrace() throws Exception {
        rest.registry.failNextCall(new IllegalStateException("secret internal detail"));

        Answer answer = rest.call("GET", "/peers", null, admin);

        assertError(answer, 500, "INTERNAL");
        assertFalse(answer.body(), answer.body().contains("secret internal detail"));
        assertFalse(answer.body(), answer.body().contains("at io.peeros"));
        assertTrue(answer.message(), answer.message().contains("incident"));
    }

    @Test
    public void requestsIsNotTakenForAPeerId() throws Exception {
        rest.registry.addRequest("2".repeat(64), "asker");

        Answer answer = rest.call("GET", "/peers/requests", null, admin);

        assertEquals(200, answer.status());
        assertTrue(answer.body(), answer.json().isArray());
        assertTrue(answer.body(), answer.body().contains("\"asker\""));
    }

    static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.toString(), status, answer.status());
        assertEquals(answer.toString(), code, answer.code());
        assertEquals(answer.toString(), status, answer.json().path("status").asInt());
        assertFalse(answer.toString(), answer.message().isBlank());
        assertTrue(answer.header("Content-Type"), answer.header("Content-Type").startsWith("application/json"));
    }
}
