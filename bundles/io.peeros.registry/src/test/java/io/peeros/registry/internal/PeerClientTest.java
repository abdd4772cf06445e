package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;

import io.peeros.registry.api.PeerState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/** The registry as {@link io.peeros.registry.api.PeerClient}: only registered peers, at their recorded URL. */
public class PeerClientTest extends NetworkTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    public void callGoesToTheRecordedPeerUrlOfAnApprovedPeer() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        // when
        byte[] answer = a.registry.call(b.id(), "PUT", "environments/env-1",
                "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        // then the loopback network echoes which peer answered what
        assertEquals("beta PUT environments/env-1 {}", new String(answer, StandardCharsets.UTF_8));
    }

    @Test
    public void downloadGoesToTheRecordedPeerUrlOfAnApprovedPeer() throws Exception {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        Path target = Files.createTempFile("peeros-download", ".tar");

        try {
            // when
            a.registry.download(b.id(), "templates/busybox/1.0.0", target, 1 << 20, TIMEOUT);

            // then
            assertEquals("beta GET templates/busybox/1.0.0", Files.readString(target, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    public void downloadsFromUnknownPeersAreRefused() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");

        refused("PEER_UNKNOWN", () -> a.registry.download(b.id(), "templates/busybox", Path.of("unused"), 1,
                TIMEOUT));
    }

    @Test
    public void unknownAndPendingPeersAreRefused() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");

        refused("PEER_UNKNOWN", () -> a.registry.call(b.id(), "GET", "environments", null, TIMEOUT));

        a.registry.register(b.url());
        assertState(a, b, PeerState.REQUESTED);
        refused("PEER_UNKNOWN", () -> a.registry.call(b.id(), "GET", "environments", null, TIMEOUT));
        refused("PEER_UNKNOWN", () -> a.registry.call(null, "GET", "environments", null, TIMEOUT));
    }

    @Test
    public void anOfflinePeerIsStillTried() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        network.down("beta");
        a.registry.heartbeatNow();
        a.registry.heartbeatNow();
        a.registry.heartbeatNow();
        assertState(a, b, PeerState.OFFLINE);

        refused("PEER_UNREACHABLE", () -> a.registry.call(b.id(), "GET", "environments", null, TIMEOUT));

        network.up("beta");
        assertEquals("beta GET environments", new String(a.registry.call(b.id(), "GET", "environments", null,
                TIMEOUT), StandardCharsets.UTF_8));
    }

    @Test
    public void aPrefixIsNotEnough() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        refused("PEER_UNKNOWN", () -> a.registry.call(b.id().substring(0, 12), "GET", "environments", null,
                TIMEOUT));
    }
}
