package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import java.net.URI;
import java.time.Duration;
import org.junit.Test;

public class HeartbeatTest extends NetworkTestSupport {

    @Test
    public void peerGoesOfflineAfterMissesAndComesBack() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        network.down("beta");

        // when heartbeats fail twice: still approved
        a.registry.heartbeatNow();
        a.registry.heartbeatNow();
        assertState(a, b, PeerState.APPROVED);
        // the third miss in a row makes it offline
        a.registry.heartbeatNow();
        assertState(a, b, PeerState.OFFLINE);

        // then one answer brings it back
        network.up("beta");
        clock.advance(Duration.ofSeconds(30));
        a.registry.heartbeatNow();
        RemotePeer back = a.registry.peer(b.id()).orElseThrow();
        assertEquals(PeerState.APPROVED, back.state());
        assertEquals(clock.instant(), back.lastSeen());
        assertEquals(clock.instant(), back.since());
    }

    @Test
    public void anAnswerBetweenMissesResetsTheCount() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        network.down("beta");
        a.registry.heartbeatNow();
        a.registry.heartbeatNow();
        network.up("beta");
        a.registry.heartbeatNow();
        network.down("beta");
        a.registry.heartbeatNow();
        a.registry.heartbeatNow();

        assertState(a, b, PeerState.APPROVED);
    }

    @Test
    public void heartbeatRefreshesNameAndUrls() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        // when B's owner renames it and moves its mutual-TLS port
        b.config.put("name", "beta-renamed");
        b.config.put("peerUrl", "https://beta:9444");
        b.restart();
        a.registry.heartbeatNow();

        // then
        RemotePeer seen = a.registry.peer(b.id()).orElseThrow();
        assertEquals("beta-renamed", seen.name());
        assertEquals(URI.create("https://beta:9444"), seen.peerUrl());
    }

    @Test
    public void heartbeatAnswersWithLocalInfoAndNotesTheCaller() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        clock.advance(Duration.ofMinutes(5));

        PeerInfo info = b.registry.onHeartbeat(a.identity.certificate());

        assertEquals(b.id(), info.id());
        assertEquals("beta", info.name());
        assertEquals(clock.instant(), b.registry.peer(a.id()).orElseThrow().lastSeen());
    }

    @Test
    public void peerThatNoLongerTrustsUsGoesOffline() {
        // given B dropped A's trust behind the registry's back
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        b.trust.revoke(a.id());

        for (int i = 0; i < 3; i++) {
            a.registry.heartbeatNow();
        }

        assertState(a, b, PeerState.OFFLINE);
    }

    @Test
    public void requestsExpireInHousekeeping() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        a.registry.register(b.url());

        clock.advance(Duration.ofHours(2));
        a.registry.heartbeatNow();
        b.registry.heartbeatNow();

        assertTrue(a.registry.peers().isEmpty());
        assertTrue(b.registry.peers().isEmpty());
        assertTrue(b.registry.requests().isEmpty());
    }
}
