package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakePeerRegistry;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The peer administration of /peers and /peers/requests, mapped to the registry. */
public class PeersTest {

    private static RestFixture rest;
    private static String admin;
    private static String viewer;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        admin = rest.token(Role.ADMIN);
        viewer = rest.token(Role.VIEWER);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Test
    public void registerAnswers201WithTheCode() throws Exception {
        Answer answer = rest.call("POST", "/peers", "{\"url\": \"https://remote.test:8443\"}", admin);

        assertEquals(answer.toString(), 201, answer.status());
        JsonNode body = answer.json();
        assertEquals(64, body.path("id").asText().length());
        assertEquals("remote.test", body.path("name").asText());
        assertEquals("EE:FF", body.path("certificateFingerprint").asText());
        assertEquals(FakePeerRegistry.GOOD_CODE, body.path("code").asText());
        assertTrue(body.path("expires").asText().endsWith("Z"));
        assertEquals(rest.publicUri("/peers/" + body.path("id").asText()).toString(), answer.header("Location"));
    }

    @Test
    public void listAndGetShowThePeerInLowerCase() throws Exception {
        String id = rest.call("POST", "/peers", "{\"url\": \"https://listed.test:8443\"}", admin).json()
                .path("id").asText();

        Answer list = rest.call("GET", "/peers", null, viewer);
        Answer one = rest.call("GET", "/peers/" + id.substring(0, 12), null, viewer);

        assertEquals(200, list.status());
        assertTrue(list.body(), list.body().contains(id));
        assertEquals(200, one.status());
        assertEquals(id, one.json().path("id").asText());
        assertEquals("requested", one.json().path("state").asText());
        assertEquals("outgoing", one.json().path("direction").asText());
        assertTrue(one.json().path("lastSeen").isNull());
    }

    @Test
    public void incomingRequestIsListedThenApproved() throws Exception {
        String id = "3".repeat(64);
        rest.registry.addRequest(id, "newcomer");

        Answer requests = rest.call("GET", "/peers/requests", null, viewer);
        Answer approved = rest.call("POST", "/peers/" + id + "/approve",
                "{\"code\": \"" + FakePeerRegistry.GOOD_CODE + "\"}", admin);

        assertEquals(200, requests.status());
        assertTrue(requests.body(), requests.body().contains("\"newcomer\""));
        assertTrue(requests.body(), requests.body().contains("\"triesLeft\":3"));
        assertEquals(approved.toString(), 200, approved.status());
        assertEquals("approved", approved.json().path("state").asText());
        assertEquals("incoming", approved.json().path("direction").asText());
    }

    @Test
    public void rejectAndUnregisterAnswer204() throws Exception {
        String id = "4".repeat(64);
        rest.registry.addRequest(id, "unwanted");
        String registered = rest.call("POST", "/peers", "{\"url\": \"https://gone.test:8443\"}", admin).json()
                .path("id").asText();

        assertEquals(204, rest.call("POST", "/peers/" + id + "/reject", null, admin).status());
        assertEquals(204, rest.call("DELETE", "/peers/" + registered, null, admin).status());
        assertEquals("unregistered", rest.call("GET", "/peers/" + registered, null, viewer).json()
                .path("state").asText());
        ErrorMappingTest.assertError(rest.call("POST", "/peers/" + id + "/reject", null, admin), 404,
                "PEER_UNKNOWN");
    }

    @Test
    public void viewerCannotDecide() throws Exception {
        ErrorMappingTest.assertError(rest.call("POST", "/peers/" + "5".repeat(64) + "/reject", null, viewer), 403,
                "ROLE_INSUFFICIENT");
        ErrorMappingTest.assertError(rest.call("DELETE", "/peers/" + "5".repeat(64), null, viewer), 403,
                "ROLE_INSUFFICIENT");
    }
}
