package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.peeros.identity.api.Role;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Deactivation frees both ports; activating again binds the same ports and serves again. */
public class LifecycleTest {

    private RestFixture rest;

    @Before
    public void start() {
        rest = RestFixture.start();
    }

    @After
    public void stop() {
        rest.deactivate();
    }

    @Test
    public void reactivationOnTheSamePortsWorks() throws Exception {
        String viewer = rest.token(Role.VIEWER);
        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());

        rest.deactivate();
        assertRefused(rest.publicPort);
        assertRefused(rest.peerPort);

        rest.activate();
        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());
        assertEquals(200, rest.call("GET", "/openapi.json", null, null).status());
    }

    @Test
    public void portsCanBeReboundByOthersAfterDeactivation() throws Exception {
        rest.deactivate();

        try (var socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", rest.publicPort));
        }
        rest.activate();
        assertEquals(401, rest.call("GET", "/peer", null, null).status());
    }

    @Test
    public void unchangedConfigurationKeepsTheServers() throws Exception {
        String viewer = rest.token(Role.VIEWER);

        rest.server.modified(rest.config());

        assertEquals(200, rest.call("GET", "/peer", null, viewer).status());
    }

    @Test
    public void activationFailsCleanlyWhenAPortIsTaken() throws Exception {
        rest.deactivate();
        try (var blocker = new java.net.ServerSocket()) {
            blocker.bind(new InetSocketAddress("127.0.0.1", rest.peerPort));

            assertThrows(RuntimeException.class, rest::activate);
            assertRefused(rest.publicPort);
        }
        rest.activate();
        assertEquals(401, rest.call("GET", "/peer", null, null).status());
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            } catch (ConnectException e) {
                throw e;
            } catch (IOException e) {
                throw new AssertionError("unexpected " + e, e);
            }
        });
    }
}
