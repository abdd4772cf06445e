package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.container.api.testing.FakeContainerManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /containers and /containers/{name}: listing, creating, the lifecycle, cloning and destroying. */
public class ContainersTest {

    private static RestFixture rest;
    private static String viewer;
    private static String operator;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        viewer = rest.token(Role.VIEWER);
        operator = rest.token(Role.OPERATOR);
        rest.bindContainerServices();
        rest.templates.with("busybox", "1.0.0").with("busybox", "1.2.0");
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        for (var info : rest.containers.list()) {
            if (info.origin() != null) {
                rest.containers.destroy(info.name());
            }
        }
        rest.containers.list().forEach(info -> rest.containers.destroy(info.name()));
        rest.containers.stopTimeouts.clear();
    }

    @Test
    public void viewersListAndRead() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING);

        Answer list = rest.call("GET", "/containers", null, viewer);
        Answer one = rest.call("GET", "/containers/web", null, viewer);

        assertEquals(list.toString(), 200, list.status());
        assertEquals(1, list.json().size());
        JsonNode web = one.json();
        assertEquals(one.toString(), "web", web.path("name").asText());
        assertEquals("running", web.path("state").asText());
        assertEquals(rest.containers.info("web").pid(), web.path("pid").asInt());
        assertEquals(rest.containers.info("web").addresses().get(0).getHostAddress(),
                web.path("addresses").path(0).asText());
        assertTrue(web.toString(), web.path("addresses").path(0).asText().startsWith("10.10.0."));
        assertEquals("busybox:1.0.0", web.path("template").asText());
        assertTrue(web.path("origin").isNull());
        assertEquals("2026-11-21T11:00:00Z", web.path("created").asText());
        assertError(rest.call("GET", "/containers/nope", null, viewer), 404, "NOT_FOUND");
    }

    @Test
    public void operatorsCreateFromTheNewestOrANamedVersion() throws Exception {
        Answer created = rest.call("POST", "/containers", "{\"name\": \"web\", \"template\": \"busybox\"}", operator);
        Answer pinned = rest.call("POST", "/containers", "{\"name\": \"old\", \"template\": \"busybox:1.0.0\"}",
                operator);

        assertEquals(created.toString(), 201, created.status());
        assertTrue(created.header("Location"), created.header("Location").endsWith("/api/v1/containers/web"));
        assertEquals("stopped", created.json().path("state").asText());
        assertEquals("busybox:1.2.0", created.json().path("template").asText());
        assertEquals("busybox:1.0.0", pinned.json().path("template").asText());
        assertError(rest.call("POST", "/containers", "{\"name\": \"web\", \"template\": \"busybox\"}", operator),
                409, "NAME_TAKEN");
        assertError(rest.call("POST", "/containers", "{\"name\": \"Bad_Name\", \"template\": \"busybox\"}",
                operator), 400, "INVALID_NAME");
        assertError(rest.call("POST", "/containers", "{\"name\": \"x\", \"template\": \"debian\"}", operator), 404,
                "NOT_FOUND");
        assertError(rest.call("POST", "/containers", "{\"name\": \"x\"}", operator), 400, "FIELD_MISSING");
    }

    @Test
    public void viewersChangeNothing() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.STOPPED);

        assertError(rest.call("POST", "/containers", "{\"name\": \"x\", \"template\": \"busybox\"}", viewer), 403,
                "ROLE_INSUFFICIENT");
        assertError(rest.call("POST", "/containers/web/start", null, viewer), 403, "ROLE_INSUFFICIENT");
        assertError(rest.call("DELETE", "/containers/web", null, viewer), 403, "ROLE_INSUFFICIENT");
        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": [\"id\"]}", viewer), 403,
                "ROLE_INSUFFICIENT");
        assertError(rest.call("GET", "/containers", null, null), 401, "AUTH_REQUIRED");
        assertEquals(ContainerState.STOPPED, rest.containers.state("web"));
    }

    @Test
    public void theLifecycleAnswersTheContainerAfterEachStep() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.STOPPED);

        JsonNode started = rest.call("POST", "/containers/web/start", null, operator).json();
        assertEquals("running", started.path("state").asText());
        assertEquals("frozen", rest.call("POST", "/containers/web/freeze", null, operator).json().path("state")
                .asText());
        assertError(rest.call("POST", "/containers/web/freeze", null, operator), 409, "INVALID_STATE");
        assertEquals("running", rest.call("POST", "/containers/web/unfreeze", null, operator).json()
                .path("state").asText());
        Answer restarted = rest.call("POST", "/containers/web/restart", null, operator);
        assertEquals(restarted.toString(), "running", restarted.json().path("state").asText());
        assertEquals(started.path("pid").asInt() + 1, restarted.json().path("pid").asInt());
        assertEquals("stopped", rest.call("POST", "/containers/web/stop?timeout=1.5", null, operator).json()
                .path("state").asText());
        rest.call("POST", "/containers/web/stop?kill=true", null, operator);
        rest.call("POST", "/containers/web/stop", null, operator);

        assertEquals(Arrays.asList(null, Duration.ofMillis(1500), Duration.ZERO, null), rest.containers.stopTimeouts);
        assertError(rest.call("POST", "/containers/web/stop?kill=true&timeout=3", null, operator), 400,
                "INVALID_REQUEST");
        assertError(rest.call("POST", "/containers/web/stop?timeout=-1", null, operator), 400, "INVALID_REQUEST");
    }

    @Test
    public void cloneAndDestroyInTheRightOrder() throws Exception {
        rest.containers.with("base", "busybox:1.0.0", ContainerState.STOPPED);

        Answer clone = rest.call("POST", "/containers/base/clone", "{\"name\": \"copy\"}", operator);

        assertEquals(clone.toString(), 201, clone.status());
        assertTrue(clone.header("Location"), clone.header("Location").endsWith("/api/v1/containers/copy"));
        assertEquals("base", clone.json().path("origin").asText());
        assertError(rest.call("DELETE", "/containers/base", null, operator), 409, "IN_USE");
        assertEquals(204, rest.call("DELETE", "/containers/copy", null, operator).status());
        assertEquals(204, rest.call("DELETE", "/containers/base", null, operator).status());
        assertError(rest.call("DELETE", "/containers/base", null, operator), 404, "NOT_FOUND");
        rest.containers.with("live", "busybox:1.0.0", ContainerState.RUNNING);
        assertError(rest.call("POST", "/containers/live/clone", "{\"name\": \"copy\"}", operator), 409,
                "INVALID_STATE");
    }

    @Test
    public void execPassesEveryFieldAndAnswersTheOutcome() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING);
        rest.containers.shell = request -> FakeContainerManager.result(3, "out\n", "err\n");

        Answer answer = rest.call("POST", "/containers/web/exec", "{\"command\": [\"sh\", \"-c\", \"exit 3\"],"
                + " \"env\": {\"LANG\": \"C\"}, \"user\": \"nobody\", \"cwd\": \"/tmp\", \"timeout\": 2.5}", operator);

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals(3, answer.json().path("exitCode").asInt());
        assertEquals("out\n", answer.json().path("stdout").asText());
        assertEquals("err\n", answer.json().path("stderr").asText());
        assertEquals(false, answer.json().path("truncated").asBoolean());
        ExecRequest sent = rest.containers.execCalls.get(rest.containers.execCalls.size() - 1);
        assertEquals(new ExecRequest(List.of("sh", "-c", "exit 3"), Map.of("LANG", "C"), "/tmp", "nobody",
                Duration.ofMillis(2500)), sent);
    }

    @Test
    public void execWithOnlyACommandUsesTheDefaults() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING);
        rest.containers.shell = request -> FakeContainerManager.result(0, "hi\n", "");

        Answer answer = rest.call("POST", "/containers/web/exec", "{\"command\": [\"echo\", \"hi\"]}", operator);

        assertEquals(answer.toString(), "hi\n", answer.json().path("stdout").asText());
        assertEquals(ExecRequest.of("echo", "hi"),
                rest.containers.execCalls.get(rest.containers.execCalls.size() - 1));
    }

    @Test
    public void execRefusals() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING).with("off", "busybox:1.0.0",
                ContainerState.STOPPED);
        rest.containers.shell = request -> {
            throw new ContainerException(ContainerException.EXEC_TIMEOUT, "killed after 1s");
        };

        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": [\"sleep\", \"9\"]}", operator), 504,
                "EXEC_TIMEOUT");
        assertError(rest.call("POST", "/containers/off/exec", "{\"command\": [\"id\"]}", operator), 409,
                "INVALID_STATE");
        assertError(rest.call("POST", "/containers/web/exec", "{\"env\": {}}", operator), 400, "FIELD_MISSING");
        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": []}", operator), 400, "FIELD_MISSING");
        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": [\"id\"], \"shell\": true}", operator),
                400, "FIELD_UNKNOWN");
        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": [\"id\"], \"timeout\": \"soon\"}",
                operator), 400, "FIELD_INVALID");
        assertError(rest.call("POST", "/containers/web/exec", "{\"command\": [\"id\"], \"env\": {\"A=B\": \"x\"}}",
                operator), 400, "FIELD_INVALID");
    }
}
