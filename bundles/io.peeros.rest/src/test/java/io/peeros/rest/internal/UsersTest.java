package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** User administration on /users. */
public class UsersTest {

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
    public void addListAndRemove() throws Exception {
        Answer added = rest.call("POST", "/users",
                "{\"name\": \"grace\", \"password\": \"grace-password\", \"role\": \"Operator\"}", admin);

        assertEquals(added.toString(), 201, added.status());
        assertEquals("operator", added.json().path("role").asText());
        assertTrue(added.header("Location").endsWith("/api/v1/users/grace"));
        assertFalse(added.body(), added.body().contains("password"));
        Answer list = rest.call("GET", "/users", null, admin);
        assertTrue(list.body(), list.body().contains("\"grace\""));
        assertFalse(list.body(), list.body().contains("grace-password"));

        assertEquals(204, rest.call("DELETE", "/users/grace", null, admin).status());
        ErrorMappingTest.assertError(rest.call("DELETE", "/users/grace", null, admin), 404, "USER_UNKNOWN");
    }

    @Test
    public void newUserLogsIn() throws Exception {
        rest.call("POST", "/users", "{\"name\": \"heidi\", \"password\": \"heidi-password\", \"role\": \"viewer\"}",
                admin);

        Answer token = rest.call("POST", "/auth/token", "{\"user\": \"heidi\", \"password\": \"heidi-password\"}",
                null);

        assertEquals(200, token.status());
        assertEquals("viewer", token.json().path("role").asText());
    }
}
