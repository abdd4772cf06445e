package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.UserService;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakeUserService;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

public class AuthenticationTest {

    private static RestFixture rest;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void noTokenIs401WithBearerChallenge() throws Exception {
        Answer answer = rest.call("GET", "/peer", null, null);

        assertEquals(401, answer.status());
        assertEquals("Bearer realm=\"peeros\"", answer.header("WWW-Authenticate"));
        assertEquals("AUTH_REQUIRED", answer.code());
        assertEquals(401, answer.json().path("status").asInt());
        assertTrue(answer.header("Content-Type").startsWith("application/json"));
    }

    @Test
    public void badTokenIs401InvalidToken() throws Exception {
        Answer answer = rest.call("GET", "/peer", null, "not-a-token");

        assertEquals(401, answer.status());
        assertEquals("Bearer realm=\"peeros\", error=\"invalid_token\"", answer.header("WWW-Authenticate"));
        assertEquals("TOKEN_INVALID", answer.code());
    }

    @Test
    public void otherSchemeIs401() throws Exception {
        Answer answer = rest.client().send(java.net.http.HttpRequest.newBuilder(rest.publicUri("/peer"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4=").build());

        assertEquals(401, answer.status());
        assertEquals("AUTH_REQUIRED", answer.code());
    }

    @Test
    public void wadlIsNotAWayAround() throws Exception {
        Answer answer = rest.call("GET", "/users?_wadl", null, null);

        assertEquals(401, answer.status());
        assertEquals("AUTH_REQUIRED", answer.code());
    }

    @Test
    public void viewerTokenReadsThePeer() throws Exception {
        Answer answer = rest.call("GET", "/peer", null, rest.token(Role.VIEWER));

        assertEquals(200, answer.status());
        assertEquals("a".repeat(64), answer.json().path("id").asText());
        assertEquals("https://local.test:8443", answer.json().path("publicUrl").asText());
        assertEquals(2, answer.json().path("cpuCores").asInt());
    }

    @Test
    public void tooLowARoleIs403() throws Exception {
        Answer viewer = rest.call("POST", "/peers", "{\"url\": \"https://x.test:8443\"}", rest.token(Role.VIEWER));
        Answer operator = rest.call("GET", "/users", null, rest.token(Role.OPERATOR));

        assertEquals(403, viewer.status());
        assertEquals("ROLE_INSUFFICIENT", viewer.code());
        assertTrue(viewer.message(), viewer.message().contains("admin"));
        assertEquals(403, operator.status());
    }

    @Test
    public void adminIncludesTheLowerRoles() throws Exception {
        String admin = rest.token(Role.ADMIN);

        assertEquals(200, rest.call("GET", "/peer", null, admin).status());
        assertEquals(200, rest.call("GET", "/users", null, admin).status());
    }

    @Test
    public void tokenEndpointIssuesAWorkingToken() throws Exception {
        Answer answer = rest.call("POST", "/auth/token", "{\"user\": \"admin\", \"password\": \""
                + FakeUserService.OWNER_PASSWORD + "\"}", null);

        assertEquals(200, answer.status());
        assertEquals("admin", answer.json().path("role").asText());
        assertFalse(answer.json().path("expires").asText().isEmpty());
        String token = answer.json().path("token").asText();
        assertEquals(200, rest.call("GET", "/users", null, token).status());
    }

    @Test
    public void wrongPasswordAndUnknownUserAnswerAlike() throws Exception {
        Answer wrongPassword = rest.call("POST", "/auth/token",
                "{\"user\": \"admin\", \"password\": \"wrong-password\"}", null);
        Answer unknownUser = rest.call("POST", "/auth/token",
                "{\"user\": \"nobody\", \"password\": \"wrong-password\"}", null);

        assertEquals(401, wrongPassword.status());
        assertEquals("INVALID_CREDENTIALS", wrongPassword.code());
        assertEquals(wrongPassword.body(), unknownUser.body());
        assertEquals(401, unknownUser.status());
    }

    @Test
    public void usersChangeTheirOwnPasswordOnly() throws Exception {
        rest.users.add("alice", "alice-password-1".toCharArray(), Role.VIEWER);
        String alice = rest.tokens.issue(rest.users.find("alice").orElseThrow()).token();

        Answer own = rest.call("PUT", "/users/alice/password", "{\"password\": \"alice-password-2\"}", alice);
        Answer other = rest.call("PUT", "/users/" + UserService.OWNER + "/password",
                "{\"password\": \"stolen-password\"}", alice);

        assertEquals(204, own.status());
        assertEquals("alice-password-2", rest.users.passwordOf("alice"));
        assertEquals(403, other.status());
        assertEquals("ROLE_INSUFFICIENT", other.code());
        assertEquals(FakeUserService.OWNER_PASSWORD, rest.users.passwordOf(UserService.OWNER));
    }

    @Test
    public void adminChangesAnyPassword() throws Exception {
        rest.users.add("bob", "bob-password-1".toCharArray(), Role.OPERATOR);

        Answer answer = rest.call("PUT", "/users/bob/password", "{\"password\": \"bob-password-2\"}",
                rest.token(Role.ADMIN));

        assertEquals(204, answer.status());
        assertEquals("bob-password-2", rest.users.passwordOf("bob"));
    }
}
