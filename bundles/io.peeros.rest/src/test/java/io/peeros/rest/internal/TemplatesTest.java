package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.container.api.testing.FakeTemplateStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /templates: listing, reading, removing, and importing as an upload, answered at once or as an event stream. */
public class TemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RestFixture rest;
    private static String viewer;
    private static String operator;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        viewer = rest.token(Role.VIEWER);
        operator = rest.token(Role.OPERATOR);
        rest.bindContainerServices();
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        rest.templates.inUse.clear();
        rest.templates.extractGate = null;
        rest.templates.list().forEach(t -> rest.templates.remove(t.name(), t.version()));
    }

    @Test
    public void listReadAndRemove() throws Exception {
        rest.templates.with("busybox", "1.0.0").with("busybox", "1.2.0").with("debian", "12.0.0");

        Answer list = rest.call("GET", "/templates", null, viewer);
        Answer newest = rest.call("GET", "/templates/busybox", null, viewer);
        Answer pinned = rest.call("GET", "/templates/busybox:1.0.0", null, viewer);
        Answer byQuery = rest.call("GET", "/templates/busybox?version=1.0.0", null, viewer);

        assertEquals(list.toString(), 3, list.json().size());
        JsonNode busybox = newest.json();
        assertEquals("busybox:1.2.0", busybox.path("id").asText());
        assertEquals("amd64", busybox.path("architecture").asText());
        assertEquals("2026-11-20T08:00:00Z", busybox.path("created").asText());
        assertEquals(64, busybox.path("rootfsSha256").asText().length());
        assertEquals("1.0.0", pinned.json().path("version").asText());
        assertEquals("1.0.0", byQuery.json().path("version").asText());
        assertError(rest.call("DELETE", "/templates/busybox", null, viewer), 403, "ROLE_INSUFFICIENT");
        rest.templates.inUse.add("debian:12.0.0");
        assertError(rest.call("DELETE", "/templates/debian", null, operator), 409, "IN_USE");
        assertEquals(204, rest.call("DELETE", "/templates/busybox?version=1.0.0", null, operator).status());
        assertEquals(204, rest.call("DELETE", "/templates/busybox", null, operator).status());
        assertError(rest.call("GET", "/templates/busybox", null, viewer), 404, "NOT_FOUND");
    }

    @Test
    public void theArchiveDownloadsAsTheStoreWritesIt() throws Exception {
        rest.templates.with("busybox", "1.0.0");
        HttpRequest request = HttpRequest.newBuilder(rest.publicUri("/templates/busybox/archive"))
                .header("Authorization", "Bearer " + viewer).build();

        HttpResponse<byte[]> answer = rest.client().bytes(request);

        assertEquals(200, answer.statusCode());
        assertEquals("application/octet-stream", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"busybox-1.0.0.tar\"",
                answer.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(new String(FakeTemplateStore.archive("busybox", "1.0.0", true, 0)), new String(answer.body()));
        assertError(rest.client().send(HttpRequest.newBuilder(rest.publicUri("/templates/debian/archive"))
                .header("Accept", "application/octet-stream").header("Authorization", "Bearer " + viewer).build()),
                404, "NOT_FOUND");
    }

    @Test
    public void importAnswers201WithTheTemplateAndLeavesNoSpoolFile() throws Exception {
        byte[] archive = FakeTemplateStore.archive("busybox", "1.3.0", true, 3 << 20);

        Answer answer = upload(archive, "application/json");

        assertEquals(answer.toString(), 201, answer.status());
        assertTrue(answer.header("Location"), answer.header("Location").endsWith("/api/v1/templates/busybox:1.3.0"));
        assertEquals("busybox:1.3.0", answer.json().path("id").asText());
        assertEquals(archive.length, answer.json().path("rootfsCompressedSize").asLong());
        Path spooled = rest.templates.imported.get(rest.templates.imported.size() - 1);
        assertFalse(spooled.toString(), Files.exists(spooled));
        assertError(upload(archive, "application/json"), 409, "TEMPLATE_EXISTS");
    }

    @Test
    public void refusedArchivesAnswer422WithTheStoreCode() throws Exception {
        assertError(upload(FakeTemplateStore.archive("busybox", "2.0.0", false, 10), "application/json"), 422,
                "UNSIGNED");
        assertError(upload("garbage".getBytes(), "application/json"), 422, "INVALID_ARCHIVE");
        assertError(upload(new byte[0], "application/json"), 400, "BODY_MISSING");
        assertTrue(rest.templates.list().isEmpty());
    }

    @Test
    public void onlyOperatorsImportAndOnlyWithAToken() throws Exception {
        byte[] archive = FakeTemplateStore.archive("busybox", "1.0.0", true, 200_000);

        assertError(rest.client().send(post(archive, "application/json", null)), 401, "AUTH_REQUIRED");
        assertError(rest.client().send(post(archive, "application/json", viewer)), 403, "ROLE_INSUFFICIENT");
        assertTrue(rest.templates.list().isEmpty());
    }

    @Test
    public void otherPathsKeepTheSmallBodyLimit() throws Exception {
        String big = "{\"name\": \"x\", \"template\": \"" + "a".repeat(100_000) + "\"}";

        assertError(rest.call("POST", "/containers", big, operator), 413, "BODY_TOO_LARGE");
    }

    @Test
    public void theEventStreamShowsProgressWhileTheImportRuns() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        rest.templates.extractGate = gate;
        byte[] archive = FakeTemplateStore.archive("debian", "12.0.0", true, 5 << 20);

        HttpResponse<Stream<String>> response = rest.client().lines(post(archive, "text/event-stream", operator));

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        Iterator<String> lines = response.body().iterator();
        String name = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                Event event = new Event(name, JSON.readTree(line.substring(5).strip()));
                events.add(event);
                // the store waits for this: the event arrived while the import still ran
                if (event.isStep("read") && event.data().path("percent").asInt() == 100) {
                    gate.countDown();
                }
            }
        }

        assertEquals(0, gate.getCount());
        List<String> steps = events.stream().filter(e -> e.name().equals("progress"))
                .map(e -> e.data().path("step").asText()).distinct().toList();
        assertEquals(List.of("upload", "read", "extract"), steps);
        Event upload = events.stream().filter(e -> e.isStep("upload")).reduce((a, b) -> b).orElseThrow();
        assertEquals(archive.length, upload.data().path("done").asLong());
        assertEquals(archive.length, upload.data().path("total").asLong());
        assertEquals(100, upload.data().path("percent").asInt());
        assertTrue(events.toString(), events.size() < 320);
        Event last = events.get(events.size() - 1);
        assertEquals("imported", last.name());
        assertEquals("debian:12.0.0", last.data().path("id").asText());
    }

    @Test
    public void aRefusalEndsTheStreamWithAnErrorEvent() throws Exception {
        HttpRequest request = post(FakeTemplateStore.archive("debian", "12.0.0", false, 1000), "text/event-stream",
                operator);

        Answer answer = rest.client().send(request);

        assertEquals(answer.toString(), 200, answer.status());
        List<String> lines = answer.body().lines().filter(l -> !l.isBlank()).toList();
        assertEquals("event: error", lines.get(lines.size() - 2));
        JsonNode error = JSON.readTree(lines.get(lines.size() - 1).substring(5).strip());
        assertEquals("UNSIGNED", error.path("code").asText());
        assertEquals(422, error.path("status").asInt());
    }

    @Test
    public void withoutTheStoreTheStreamSaysSo() throws Exception {
        rest.server.unbindTemplateStore(rest.templates);
        try {
            Answer answer = rest.client().send(post(new byte[] {1}, "text/event-stream", operator));

            assertTrue(answer.toString(), answer.body().contains("TEMPLATES_UNAVAILABLE"));
            assertError(upload(new byte[] {1}, "application/json"), 503, "TEMPLATES_UNAVAILABLE");
        } finally {
            rest.server.bindTemplateStore(rest.templates);
        }
    }

    private static Answer upload(byte[] archive, String accept) throws Exception {
        return rest.client().send(post(archive, accept, operator));
    }

    private static HttpRequest post(byte[] archive, String accept, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.publicUri("/templates"))
                .timeout(Duration.ofSeconds(20)).header("Accept", accept)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private record Event(String name, JsonNode data) {

        boolean isStep(String step) {
            return "progress".equals(name) && step.equals(data.path("step").asText());
        }
    }
}
