package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** Peers on an in-process network, each with its own keys and state directory. */
public abstract class NetworkTestSupport {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    protected final TestNetwork network = new TestNetwork();
    protected final MutableClock clock = new MutableClock();
    private final List<TestPeer> started = new ArrayList<>();

    @After
    public void stopPeers() {
        for (TestPeer peer : started) {
            if (peer.registry != null) {
                peer.registry.deactivate();
            }
        }
    }

    /** A peer that is not started yet, so a test can change its configuration first. */
    protected TestPeer newPeer(String host) {
        try {
            TestPeer peer = new TestPeer(network, host, folder.newFolder(host).toPath(), clock);
            started.add(peer);
            return peer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A peer that is not started yet, with the given identity and trust store. */
    protected TestPeer newPeer(String host, java.util.function.Function<Path, TestPeer.Keys> keys) {
        try {
            Path dir = folder.newFolder(host).toPath();
            TestPeer.Keys k = keys.apply(dir.resolve("identity"));
            TestPeer peer = new TestPeer(network, host, dir.resolve("registry"), clock, k.identity(), k.trust());
            started.add(peer);
            return peer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected TestPeer peer(String host) {
        return newPeer(host).start();
    }

    /** A registers with B and B's owner approves with the right code: both APPROVED. */
    protected void pair(TestPeer a, TestPeer b) {
        OutgoingRegistration outgoing = a.registry.register(b.url());
        b.registry.approve(a.id(), outgoing.code());
        assertState(a, b, PeerState.APPROVED);
        assertState(b, a, PeerState.APPROVED);
    }

    protected static void assertState(TestPeer at, TestPeer of, PeerState state) {
        assertEquals(of.host + " as seen by " + at.host, state,
                at.registry.peer(of.id()).orElseThrow(() -> new AssertionError(at.host + " does not know "
                        + of.host)).state());
    }

    /** Runs {@code call} and returns the registry error it must throw. */
    protected static RegistryException refused(String code, Runnable call) {
        try {
            call.run();
        } catch (RegistryException e) {
            assertEquals("code of: " + e.getMessage(), code, e.code());
            return e;
        }
        fail("expected " + code);
        return null;
    }

    protected static void assertContains(String text, String part) {
        assertTrue("'" + text + "' should contain '" + part + "'", text.contains(part));
    }

    /** A code guaranteed to differ from {@code code}. */
    protected static String wrong(String code) {
        char first = code.charAt(0) == 'A' ? 'B' : 'A';
        return first + code.substring(1);
    }
}
