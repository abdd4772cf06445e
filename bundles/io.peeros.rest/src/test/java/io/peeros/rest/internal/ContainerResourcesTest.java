package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.Quota;
import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The resources of a container beyond its lifecycle: quota, size classes, metrics, ports and hostname. */
public class ContainerResourcesTest {

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
        rest.containers.list().forEach(info -> rest.containers.destroy(info.name()));
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING);
        rest.quotas.calls.clear();
    }

    @Test
    public void quotaReadsAndReplacesWithASizeClassAndOverrides() throws Exception {
        rest.quotas.setQuota("web", Quota.NONE.withPids(50L));

        Answer before = rest.call("GET", "/containers/web/quota", null, viewer);
        Answer set = rest.call("PUT", "/containers/web/quota", "{\"sizeClass\": \"small\", \"memoryBytes\": "
                + (768L << 20) + ", \"networkBitsPerSecond\": 100000000}", operator);

        assertEquals(before.toString(), 50, before.json().path("pids").asLong());
        assertTrue(before.json().path("memoryBytes").isNull());
        assertEquals(set.toString(), 200, set.status());
        JsonNode q = set.json();
        assertEquals(768L << 20, q.path("memoryBytes").asLong());
        assertEquals(25, q.path("cpuPercent").asInt());
        assertEquals(10L << 30, q.path("diskBytes").asLong());
        assertEquals(100_000_000L, q.path("networkBitsPerSecond").asLong());
        assertTrue("PUT replaces: the pids limit is gone", q.path("pids").isNull());
        assertTrue(q.path("sizeClass").isNull());
        Answer exact = rest.call("PUT", "/containers/web/quota", "{\"sizeClass\": \"TINY\"}", operator);
        assertEquals("TINY", exact.json().path("sizeClass").asText());
        assertEquals("TINY", rest.call("GET", "/containers/web/quota", null, viewer).json().path("sizeClass")
                .asText());
    }

    @Test
    public void quotaRefusals() throws Exception {
        assertError(rest.call("PUT", "/containers/web/quota", "{\"pids\": 10}", viewer), 403, "ROLE_INSUFFICIENT");
        assertError(rest.call("PUT", "/containers/web/quota", "{\"sizeClass\": \"giant\"}", operator), 400,
                "INVALID_REQUEST");
        assertError(rest.call("PUT", "/containers/web/quota", "{\"memoryBytes\": 1024}", operator), 400,
                "INVALID_REQUEST");
        assertError(rest.call("PUT", "/containers/web/quota", "{\"ram\": 1024}", operator), 400, "FIELD_UNKNOWN");
        assertError(rest.call("GET", "/containers/nope/quota", null, viewer), 404, "NOT_FOUND");
        assertEquals(Quota.NONE, rest.quotas.quota("web"));
    }

    @Test
    public void sizeClasses() throws Exception {
        JsonNode classes = rest.call("GET", "/size-classes", null, viewer).json();

        assertEquals(5, classes.size());
        assertEquals(4096L << 20, classes.path("HUGE").path("memoryBytes").asLong());
        assertEquals("MEDIUM", classes.path("MEDIUM").path("sizeClass").asText());
    }

    @Test
    public void metricsOfAContainerAndOfTheHost() throws Exception {
        JsonNode web = rest.call("GET", "/containers/web/metrics", null, viewer).json();
        JsonNode host = rest.call("GET", "/host/metrics", null, viewer).json();

        assertEquals("web", web.path("name").asText());
        assertEquals("running", web.path("state").asText());
        assertEquals("2026-11-21T12:00:00Z", web.path("at").asText());
        assertEquals(7, web.path("pids").asLong());
        assertEquals(5L << 20, web.path("diskBytes").asLong());
        assertEquals(2, host.path("cpus").asInt());
        assertEquals(60L << 30, host.path("diskFreeBytes").asLong());
        assertError(rest.call("GET", "/containers/nope/metrics", null, viewer), 404, "NOT_FOUND");
        assertError(rest.call("GET", "/host/metrics", null, null), 401, "AUTH_REQUIRED");
    }

    @Test
    public void portsAreMappedListedShownAndRemoved() throws Exception {
        rest.containers.with("db", "busybox:1.0.0", ContainerState.STOPPED);

        Answer mapped = rest.call("POST", "/containers/web/ports",
                "{\"protocol\": \"TCP\", \"hostPort\": 8080, \"containerPort\": 80}", operator);

        assertEquals(mapped.toString(), 201, mapped.status());
        assertTrue(mapped.header("Location"), mapped.header("Location").endsWith("/containers/web/ports/tcp/8080"));
        assertEquals("tcp", mapped.json().path("protocol").asText());
        assertEquals(80, rest.call("GET", "/containers/web/ports", null, viewer).json().path(0)
                .path("containerPort").asInt());
        assertEquals(8080, rest.call("GET", "/containers/web", null, viewer).json().path("ports").path(0)
                .path("hostPort").asInt());
        assertError(rest.call("POST", "/containers/db/ports", "{\"protocol\": \"tcp\", \"hostPort\": 8080,"
                + " \"containerPort\": 80}", operator), 409, "PORT_TAKEN");
        assertError(rest.call("POST", "/containers/db/ports", "{\"protocol\": \"sctp\", \"hostPort\": 8080,"
                + " \"containerPort\": 80}", operator), 400, "INVALID_REQUEST");
        assertError(rest.call("POST", "/containers/web/ports", "{\"protocol\": \"udp\", \"hostPort\": 0,"
                + " \"containerPort\": 80}", operator), 400, "INVALID_REQUEST");
        assertError(rest.call("DELETE", "/containers/web/ports/tcp/8080", null, viewer), 403, "ROLE_INSUFFICIENT");
        assertEquals(204, rest.call("DELETE", "/containers/web/ports/tcp/8080", null, operator).status());
        assertError(rest.call("DELETE", "/containers/web/ports/tcp/8080", null, operator), 404, "NOT_FOUND");
    }

    @Test
    public void hostname() throws Exception {
        Answer set = rest.call("PUT", "/containers/web/hostname", "{\"hostname\": \"www.example.org\"}", operator);

        assertEquals(set.toString(), "www.example.org", set.json().path("hostname").asText());
        assertEquals("www.example.org", rest.call("GET", "/containers/web", null, viewer).json().path("hostname")
                .asText());
        assertError(rest.call("PUT", "/containers/web/hostname", "{\"hostname\": \"-bad-\"}", operator), 400,
                "INVALID_REQUEST");
    }

    @Test
    public void withoutTheQuotaAndMetricsServices503() throws Exception {
        rest.server.unbindQuotaService(rest.quotas);
        rest.server.unbindMetricsService(rest.metrics);
        try {
            assertError(rest.call("GET", "/containers/web/quota", null, viewer), 503, "QUOTAS_UNAVAILABLE");
            assertError(rest.call("GET", "/size-classes", null, viewer), 503, "QUOTAS_UNAVAILABLE");
            assertError(rest.call("GET", "/containers/web/metrics", null, viewer), 503, "METRICS_UNAVAILABLE");
            assertEquals(200, rest.call("GET", "/containers/web", null, viewer).status());
        } finally {
            rest.server.bindQuotaService(rest.quotas);
            rest.server.bindMetricsService(rest.metrics);
        }
    }
}
