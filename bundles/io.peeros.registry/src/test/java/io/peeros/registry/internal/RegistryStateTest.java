package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.net.URI;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryStateTest {

    private static final String ONE = "0123456789abcdef".repeat(4);
    private static final String TWO = "0123456789ffffff".repeat(4);
    private static final String THREE = "fedcba9876543210".repeat(4);

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RegistryState state() {
        RegistryState state = new RegistryState(new RegistryStore(folder.getRoot().toPath()));
        var certificate = new TestIdentity("x").certificate();
        for (String id : new String[] {ONE, TWO, THREE}) {
            state.put(new PeerRecord(id, "p-" + id.substring(0, 4), URI.create("https://x:8443"),
                    URI.create("https://x:8444"), PeerState.APPROVED, Direction.OUTGOING, certificate,
                    Instant.EPOCH, null));
        }
        return state;
    }

    @Test
    public void resolvesFullIdsAndUniquePrefixes() {
        RegistryState state = state();
        assertEquals(ONE, state.resolve(ONE));
        assertEquals(THREE, state.resolve("fedcba98"));
        assertEquals(ONE, state.resolve(" 0123456789ABC "));
    }

    @Test
    public void ambiguousPrefixNamesTheCandidates() {
        RegistryException e = refused(() -> state().resolve("01234567"));
        assertEquals("PEER_AMBIGUOUS", e.code());
        assertTrue(e.getMessage().contains(ONE) && e.getMessage().contains(TWO));
    }

    @Test
    public void shortOrUnknownPrefixIsRefused() {
        assertEquals("PEER_UNKNOWN", refused(() -> state().resolve("fedcba9")).code());
        assertEquals("PEER_UNKNOWN", refused(() -> state().resolve("aaaaaaaa")).code());
        assertEquals("PEER_UNKNOWN", refused(() -> state().resolve(null)).code());
    }

    private static RegistryException refused(Runnable call) {
        try {
            call.run();
        } catch (RegistryException e) {
            return e;
        }
        fail("expected a RegistryException");
        return null;
    }
}
