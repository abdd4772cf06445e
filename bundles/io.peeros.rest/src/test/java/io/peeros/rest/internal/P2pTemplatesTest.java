package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertEquals;

import io.peeros.container.api.testing.FakeTemplateStore;
import io.peeros.identity.api.PeerIds;
import io.peeros.rest.internal.support.Answer;
import io.peeros.rest.internal.support.Https;
import io.peeros.rest.internal.support.TestKey;
import java.nio.charset.StandardCharsets;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /p2p/templates on the mutual-TLS port: the archive of a stored template, for a peer that lacks it. */
public class P2pTemplatesTest {

    private static RestFixture rest;
    private static Https peer;

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        TestKey other = TestKey.create("other-peer");
        rest.trust.trust(PeerIds.of(other.certificate()), other.certificate());
        peer = rest.client(other);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void clean() {
        rest.bindContainerServices();
        rest.templates.list().forEach(t -> rest.templates.remove(t.name(), t.version()));
    }

    @Test
    public void oneVersionOrTheNewestIsStreamedAsItsSignedArchive() throws Exception {
        // given
        rest.templates.with("busybox", "1.0.0").with("busybox", "1.2.0");

        // when
        Answer pinned = send("/p2p/templates/busybox/1.0.0");
        Answer newest = send("/p2p/templates/busybox");

        // then
        assertEquals(pinned.toString(), 200, pinned.status());
        assertEquals("application/octet-stream", pinned.header("Content-Type"));
        assertEquals(new String(FakeTemplateStore.archive("busybox", "1.0.0", true, 0), StandardCharsets.UTF_8),
                pinned.body());
        assertEquals(new String(FakeTemplateStore.archive("busybox", "1.2.0", true, 0), StandardCharsets.UTF_8),
                newest.body());
    }

    @Test
    public void anUnknownTemplateIsA404WithTheStoresCode() throws Exception {
        rest.templates.with("busybox", "1.0.0");

        assertError(send("/p2p/templates/debian"), 404, "NOT_FOUND");
        assertError(send("/p2p/templates/busybox/9.9.9"), 404, "NOT_FOUND");
    }

    @Test
    public void withoutATemplateStoreThePathAnswers503() throws Exception {
        rest.unbindContainerServices();

        assertError(send("/p2p/templates/busybox"), 503, "TEMPLATES_UNAVAILABLE");
        assertEquals(200, send("/p2p/heartbeat").status());
    }

    @Test
    public void theTemplatePathsAreNotOnThePublicPort() throws Exception {
        rest.templates.with("busybox", "1.0.0");

        assertError(peer.send("GET", rest.publicUri("/p2p/templates/busybox"), null, null), 404, "NOT_FOUND");
    }

    private static Answer send(String path) throws Exception {
        return peer.send("GET", rest.peerUri(path), null, null);
    }
}
