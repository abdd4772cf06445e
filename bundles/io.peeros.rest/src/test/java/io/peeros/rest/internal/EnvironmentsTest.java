package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.FakeBlueprintParser;
import io.peeros.rest.internal.support.FakeEnvironmentService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /environments: building (dry run, background build, refusals), reading, changing, exec and the event stream. */
public class EnvironmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RestFixture rest;
    private static String viewer;
    private static String operator;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        viewer = rest.token(Role.VIEWER);
        operator = rest.token(Role.OPERATOR);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        rest.bindEnvironmentServices();
        rest.environments.environments.clear();
        rest.environments.calls.clear();
        rest.environments.gate = new CountDownLatch(0);
        rest.environments.refusal = null;
        rest.environments.outcome = EnvironmentState.HEALTHY;
    }

    @Test
    public void dryRunAnswersThePlanAndBuildsNothing() throws Exception {
        Answer answer = rest.call("POST", "/environments", body("web", true), operator);

        assertEquals(answer.toString(), 200, answer.status());
        JsonNode plan = answer.json();
        assertEquals("env-web", plan.path("environmentId").asText());
        assertEquals("10.200.7.0/24", plan.path("subnet").asText());
        JsonNode first = plan.path("containers").path(0);
        assertEquals("web-1", first.path("hostname").asText());
        assertEquals("beta", first.path("peerName").asText());
        assertEquals("10.200.7.11/24", first.path("address").asText());
        assertEquals(50, first.path("cpuPercent").asInt());
        assertEquals(536_870_912L, first.path("memoryBytes").asLong());
        assertEquals(List.of("plan web"), rest.environments.calls);
    }

    @Test
    public void invalidBlueprintListsEveryErrorLocated() throws Exception {
        Answer answer = rest.call("POST", "/environments", JSON.writeValueAsString(Map.of("fileName", "web.yaml",
                "blueprint", "name: web\ninvalid")), operator);

        assertError(answer, 400, "BLUEPRINT_INVALID");
        JsonNode error = answer.json().path("errors").path(0);
        assertEquals("web.yaml", error.path("file").asText());
        assertEquals(3, error.path("line").asInt());
        assertEquals(5, error.path("column").asInt());
        assertEquals("containers[0].count", error.path("path").asText());
        assertEquals("must be 1 to 100, got 0", error.path("message").asText());
        assertEquals("--var size", answer.json().path("errors").path(1).path("path").asText());
        assertTrue(rest.environments.calls.isEmpty());
    }

    @Test
    public void buildAnswers202WhileItRunsAndTheStreamFollowsItToTheEnd() throws Exception {
        // given a build that waits after its first event
        rest.environments.gate = new CountDownLatch(1);

        // when
        Answer accepted = rest.call("POST", "/environments", body("web", false), operator);

        // then it was accepted with its location while it still runs
        assertEquals(accepted.toString(), 202, accepted.status());
        assertTrue(accepted.header("Location"), accepted.header("Location").endsWith("/api/v1/environments/env-web"));
        assertEquals("env-web", accepted.json().path("environmentId").asText());
        assertEquals("/environments/env-web/events", accepted.json().path("events").asText());
        assertEquals("building", rest.call("GET", "/environments/web", null, viewer).json().path("state").asText());

        // and a viewer follows it until it is healthy
        CompletableFuture<List<String>> stream = CompletableFuture.supplyAsync(() -> events("env-web"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rest.environments.followers("env-web") == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        rest.environments.gate.countDown();
        List<String> events = stream.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("progress containers web-1 started (10.200.7.11)",
                "progress containers web-2 started (10.200.7.12)", "progress health environment HEALTHY",
                "end healthy"), events);
        assertEquals(List.of("build web keep=false"), rest.environments.calls);
    }

    @Test
    public void aStreamOfAnEnvironmentWhereNothingRunsIsOnlyItsEnd() throws Exception {
        rest.environments.put(healthy("web"));

        assertEquals(List.of("end healthy"), events("web"));
    }

    @Test
    public void theStreamOfAnUnknownEnvironmentIs404() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(rest.publicUri("/environments/nope/events"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + viewer).GET().build();

        assertError(rest.client().send(request), 404, "ENVIRONMENT_NOT_FOUND");
    }

    @Test
    public void aBuildRefusedBeforeItStartsIsAnsweredAsItsError() throws Exception {
        rest.environments.refusal = new EnvironmentException("PLACEMENT_IMPOSSIBLE", "No peer has 64 GiB free.");

        Answer answer = rest.call("POST", "/environments", body("web", false), operator);

        assertError(answer, 400, "PLACEMENT_IMPOSSIBLE");
        assertEquals("No peer has 64 GiB free.", answer.message());
    }

    @Test
    public void viewersReadOperatorsChange() throws Exception {
        rest.environments.put(healthy("web"));

        Answer list = rest.call("GET", "/environments", null, viewer);
        assertEquals(list.toString(), 200, list.status());
        assertEquals("web", list.json().path(0).path("name").asText());
        assertEquals("healthy", list.json().path(0).path("state").asText());
        assertEquals(FakeEnvironmentService.PEER, list.json().path(0).path("peers").path(0).asText());
        assertEquals("2026-11-21T12:00:00Z", list.json().path(0).path("created").asText());
        Answer one = rest.call("GET", "/environments/env-web", null, viewer);
        assertEquals("web-2", one.json().path("containers").path(1).path("hostname").asText());
        assertError(rest.call("POST", "/environments", body("web", false), viewer), 403, "ROLE_INSUFFICIENT");
        assertError(rest.call("DELETE", "/environments/web", null, viewer), 403, "ROLE_INSUFFICIENT");
        assertError(rest.call("POST", "/environments/web/containers/web-1/exec", "{\"command\":[\"id\"]}", viewer),
                403, "ROLE_INSUFFICIENT");
        assertError(rest.call("GET", "/environments", null, null), 401, "AUTH_REQUIRED");
        assertError(rest.call("GET", "/environments/nope", null, viewer), 404, "ENVIRONMENT_NOT_FOUND");
    }

    @Test
    public void growShrinkAndDestroyAreAcceptedAndRunInTheBackground() throws Exception {
        rest.environments.put(healthy("web"));

        Answer grow = rest.call("POST", "/environments/web/grow", "{\"group\":\"web\",\"count\":2}", operator);
        Answer shrink = rest.call("POST", "/environments/web/shrink", "{\"group\":\"web\"}", operator);
        Answer unknown = rest.call("POST", "/environments/web/grow", "{\"group\":\"db\"}", operator);
        Answer zero = rest.call("POST", "/environments/web/grow", "{\"group\":\"web\",\"count\":0}", operator);
        Answer destroy = rest.call("DELETE", "/environments/web", null, operator);

        assertEquals(grow.toString(), 202, grow.status());
        assertEquals("grow", grow.json().path("operation").asText());
        assertEquals(202, shrink.status());
        assertError(unknown, 400, "GROUP_UNKNOWN");
        assertError(zero, 400, "FIELD_INVALID");
        assertEquals(destroy.toString(), 202, destroy.status());
        assertTrue(destroy.header("Location").endsWith("/environments/env-web"));
        assertEquals(List.of("grow env-web web 2", "shrink env-web web 1", "grow env-web db 1", "destroy env-web"),
                rest.environments.calls);
        assertError(rest.call("GET", "/environments/web", null, viewer), 404, "ENVIRONMENT_NOT_FOUND");
    }

    @Test
    public void resizeIsAcceptedAndRunsInTheBackground() throws Exception {
        rest.environments.put(healthy("web"));

        Answer resize = rest.call("POST", "/environments/web/resize",
                "{\"group\":\"web\",\"cpuPercent\":25,\"memoryBytes\":100663296}", operator);
        Answer unknown = rest.call("POST", "/environments/web/resize", "{\"group\":\"db\",\"cpuPercent\":25}",
                operator);
        Answer nothing = rest.call("POST", "/environments/web/resize", "{\"group\":\"web\"}", operator);
        Answer noGroup = rest.call("POST", "/environments/web/resize", "{\"cpuPercent\":25}", operator);
        Answer asViewer = rest.call("POST", "/environments/web/resize", "{\"group\":\"web\",\"cpuPercent\":25}",
                viewer);

        assertEquals(resize.toString(), 202, resize.status());
        assertEquals("resize", resize.json().path("operation").asText());
        assertError(unknown, 400, "GROUP_UNKNOWN");
        assertError(nothing, 400, "FIELD_MISSING");
        assertError(noGroup, 400, "FIELD_MISSING");
        assertEquals(asViewer.toString(), 403, asViewer.status());
        assertEquals(List.of("resize env-web web cpuPercent=25 memoryBytes=100663296",
                "resize env-web db cpuPercent=25"), rest.environments.calls);
    }

    @Test
    public void execRunsInTheEnvironmentsContainer() throws Exception {
        rest.environments.put(healthy("web"));

        Answer answer = rest.call("POST", "/environments/web/containers/web-1/exec",
                "{\"command\":[\"echo\",\"hello\"]}", operator);

        assertEquals(answer.toString(), 200, answer.status());
        assertEquals(0, answer.json().path("exitCode").asInt());
        assertEquals("hello\n", answer.json().path("stdout").asText());
        assertEquals(List.of("exec web web-1 [echo, hello]"), rest.environments.calls);
    }

    @Test
    public void cancelWhenNothingRunsIsAConflict() throws Exception {
        rest.environments.put(healthy("web"));

        assertError(rest.call("POST", "/environments/web/cancel", null, operator), 409, "NOTHING_RUNNING");
    }

    @Test
    public void withoutTheEnvironmentServiceEnvironmentsAnswer503() throws Exception {
        rest.unbindEnvironmentServices();

        assertError(rest.call("GET", "/environments", null, viewer), 503, "ENVIRONMENTS_UNAVAILABLE");
        assertError(rest.call("POST", "/environments", body("web", true), operator), 503,
                "ENVIRONMENTS_UNAVAILABLE");
    }

    @Test
    public void aBlueprintLargerThanTheSmallBodyLimitIsAccepted() throws Exception {
        String large = "name: web\n# " + "x".repeat(200_000);

        Answer answer = rest.call("POST", "/environments", JSON.writeValueAsString(Map.of("fileName", "web.yaml",
                "blueprint", large, "dryRun", true)), operator);

        assertEquals(answer.toString(), 200, answer.status());
    }

    private static Environment healthy(String name) {
        return new Environment("env-" + name, name, EnvironmentState.HEALTHY, "a1".repeat(32), "10.200.7.0/24",
                FakeEnvironmentService.containers(FakeBlueprintParser.blueprint("web.yaml", name, Map.of())),
                java.util.Optional.empty(), FakeEnvironmentService.T0, FakeEnvironmentService.T0);
    }

    private static String body(String name, boolean dryRun) throws Exception {
        return JSON.writeValueAsString(Map.of("fileName", "web.yaml", "blueprint", "name: " + name,
                "variables", Map.of("size", "small"), "dryRun", dryRun, "keepOnFailure", false));
    }

    /** The events of the stream as {@code <event> <step> <message>} or {@code end <state>}. */
    private static List<String> events(String env) {
        try {
            HttpRequest request = HttpRequest.newBuilder(rest.publicUri("/environments/" + env + "/events"))
                    .timeout(Duration.ofSeconds(20)).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + viewer).GET().build();
            HttpResponse<Stream<String>> response = rest.client().lines(request);
            assertEquals(200, response.statusCode());
            List<String> lines = response.body().filter(l -> l.startsWith("event:") || l.startsWith("data:"))
                    .collect(Collectors.toList());
            List<String> events = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String name = lines.get(i).substring(6).strip();
                JsonNode data = JSON.readTree(lines.get(i + 1).substring(5).strip());
                events.add(name.equals("end") ? "end " + data.path("state").asText()
                        : name + " " + data.path("step").asText() + " " + data.path("message").asText());
            }
            return events;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
