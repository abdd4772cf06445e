package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;

import io.peeros.container.api.ContainerState;
import io.peeros.identity.api.Role;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.container.api.testing.FakeTemplateStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The container services come and go while the server runs: without them the peers and users API serves on
 * and the container and template paths answer 503; with them those paths serve, on the same ports.
 */
public class ContainerServicesTest {

    private RestFixture rest;
    private String viewer;

    @Before
    public void start() {
        rest = RestFixture.start();
        viewer = rest.token(Role.VIEWER);
    }

    @After
    public void stop() {
        rest.close();
    }

    @Test
    public void withoutThemOnly503ForContainersAndTemplates() throws Exception {
        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());
        assertError(rest.call("GET", "/containers", null, viewer), 503, "CONTAINERS_UNAVAILABLE");
        assertError(rest.call("GET", "/containers/web", null, viewer), 503, "CONTAINERS_UNAVAILABLE");
        assertError(rest.call("GET", "/templates", null, viewer), 503, "TEMPLATES_UNAVAILABLE");
        // authentication and roles are checked first, as for any other path
        assertError(rest.call("GET", "/containers", null, null), 401, "AUTH_REQUIRED");
    }

    @Test
    public void theyComeAndGoWithoutTheServerRestarting() throws Exception {
        rest.containers.with("web", "busybox:1.0.0", ContainerState.RUNNING);

        rest.bindContainerServices();
        assertEquals(200, rest.call("GET", "/containers/web", null, viewer).status());
        assertEquals(200, rest.call("GET", "/templates", null, viewer).status());

        rest.unbindContainerServices();
        assertError(rest.call("GET", "/containers", null, viewer), 503, "CONTAINERS_UNAVAILABLE");
        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());

        rest.bindContainerServices();
        assertEquals(200, rest.call("GET", "/containers", null, viewer).status());
    }

    @Test
    public void aReplacementBoundBeforeTheOldOneGoesIsKept() throws Exception {
        FakeContainerManager replacement = new FakeContainerManager().with("other", "x:1", ContainerState.STOPPED);
        rest.bindContainerServices();

        rest.server.bindContainerManager(replacement);
        rest.server.unbindContainerManager(rest.containers);
        rest.server.unbindTemplateStore(new FakeTemplateStore());

        assertEquals("other", rest.call("GET", "/containers", null, viewer).json().path(0).path("name").asText());
        assertEquals(200, rest.call("GET", "/templates", null, viewer).status());
    }
}
