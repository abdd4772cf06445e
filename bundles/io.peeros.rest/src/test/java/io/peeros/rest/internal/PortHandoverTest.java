package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.peeros.rest.internal.support.HeldHandover;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Deactivating the server hands its listening sockets to the next activation: clients that connect in between
 * wait in the backlog and are answered, none is refused; sockets nobody takes are closed after the timeout.
 */
public class PortHandoverTest {

    private static final int MAX_REQUESTS = 2000;

    private RestFixture rest;

    @Before
    public void start() {
        rest = RestFixture.start();
    }

    @After
    public void stop() {
        rest.server.handOverThrough(io.peeros.rest.internal.handover.PortHandover.NONE);
        rest.deactivate();
    }

    @Test
    public void noConnectionIsRefusedAcrossAHandover() throws Exception {
        handOverUnderLoad();
    }

    /** The default configuration listens on 0.0.0.0, which the bound socket reports as the IPv6 wildcard. */
    @Test
    public void noConnectionIsRefusedAcrossAHandoverOnTheWildcardAddress() throws Exception {
        rest.deactivate();
        rest = RestFixture.start(java.util.Map.of("host", "0.0.0.0"));
        handOverUnderLoad();
    }

    private void handOverUnderLoad() throws Exception {
        rest.deactivate();
        rest.server.handOverThrough(new HeldHandover(Duration.ofSeconds(10)));
        rest.activate();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger peerConnects = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Thread users = new Thread(() -> {
            for (int i = 0; i < MAX_REQUESTS && running.get(); i++) {
                try {
                    int status = rest.call("GET", "/openapi.json", null, null).status();
                    if (status == 200) {
                        answered.incrementAndGet();
                    } else {
                        record(failures, "public: HTTP " + status);
                    }
                } catch (IOException e) {
                    record(failures, "public: " + e);
                }
                pause();
            }
        });
        Thread peers = new Thread(() -> {
            for (int i = 0; i < MAX_REQUESTS && running.get(); i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", rest.peerPort), 5000);
                    peerConnects.incrementAndGet();
                } catch (IOException e) {
                    record(failures, "peer: " + e);
                }
                pause();
            }
        });
        users.start();
        peers.start();
        long warm = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < warm && (answered.get() < 3 || peerConnects.get() < 3)) {
            Thread.sleep(20);
        }
        int before = answered.get();

        rest.deactivate();
        Thread.sleep(400); // the time a bundle update takes between the old deactivation and the new activation
        rest.activate();
        long served = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < served && answered.get() < before + 3) {
            Thread.sleep(20);
        }

        running.set(false);
        users.join(30_000);
        peers.join(30_000);
        synchronized (failures) {
            assertEquals("failed or refused: " + failures, List.of(), failures);
        }
        assertTrue("requests answered before the handover: " + before, before > 0);
        assertTrue("requests answered after the handover: " + answered.get(), answered.get() >= before + 3);
        assertTrue(peerConnects.get() > 0);
    }

    @Test
    public void portsNobodyTakesAreClosedAfterTheTimeout() throws Exception {
        rest.server.handOverThrough(new HeldHandover(Duration.ofMillis(300)));
        rest.deactivate();

        try (Socket waiting = new Socket()) {
            waiting.connect(new InetSocketAddress("127.0.0.1", rest.publicPort), 2000);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !refused(rest.publicPort)) {
            Thread.sleep(50);
        }
        assertTrue(refused(rest.publicPort));
        assertTrue(refused(rest.peerPort));

        rest.server.handOverThrough(io.peeros.rest.internal.handover.PortHandover.NONE);
        rest.activate();
        assertEquals(401, rest.call("GET", "/peer", null, null).status());
    }

    @Test
    public void aHandedOverPortIsNotLeftBoundAfterAPlainStop() throws Exception {
        rest.server.handOverThrough(new HeldHandover(Duration.ofSeconds(10)));
        rest.deactivate();
        rest.activate();
        rest.server.handOverThrough(io.peeros.rest.internal.handover.PortHandover.NONE);
        rest.deactivate();

        assertThrows(ConnectException.class, () -> connect(rest.publicPort));
        assertThrows(ConnectException.class, () -> connect(rest.peerPort));
        rest.activate();
    }

    private static boolean refused(int port) {
        try {
            connect(port);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    private static void record(List<String> failures, String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
