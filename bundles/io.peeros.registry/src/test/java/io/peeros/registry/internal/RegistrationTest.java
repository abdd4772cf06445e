package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.registry.api.Direction;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class RegistrationTest extends NetworkTestSupport {

    @Test
    public void rightCodeMakesBothPeersTrustEachOther() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");

        // when A registers with B and B's owner types the code A's owner shows, in lower case without dashes
        OutgoingRegistration outgoing = a.registry.register(b.url());
        assertTrue(outgoing.code().matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
        assertEquals(b.id(), outgoing.remotePeerId());
        assertEquals(Certificates.fingerprint(b.identity.certificate()), outgoing.remoteCertificateFingerprint());
        List<RegistrationRequest> requests = b.registry.requests();
        assertEquals(1, requests.size());
        assertEquals(a.id(), requests.get(0).peerId());
        assertEquals(3, requests.get(0).triesLeft());
        assertEquals(Certificates.fingerprint(a.identity.certificate()), requests.get(0).certificateFingerprint());
        assertState(a, b, PeerState.REQUESTED);
        assertState(b, a, PeerState.REQUESTED);
        RemotePeer approved = b.registry.approve(a.id().substring(0, 10),
                outgoing.code().replace("-", "").toLowerCase());

        // then
        assertEquals(PeerState.APPROVED, approved.state());
        assertEquals(Direction.INCOMING, approved.direction());
        assertEquals(a.identity.certificate(), b.trust.certificateOf(a.id()).orElseThrow());
        assertEquals(b.identity.certificate(), a.trust.certificateOf(b.id()).orElseThrow());
        RemotePeer seenByA = a.registry.peer(b.id()).orElseThrow();
        assertEquals(PeerState.APPROVED, seenByA.state());
        assertEquals(Direction.OUTGOING, seenByA.direction());
        assertEquals("beta", seenByA.name());
        assertEquals(URI.create("https://beta:8444"), seenByA.peerUrl());
        assertTrue(b.registry.requests().isEmpty());
    }

    @Test
    public void wrongCodeCreatesNoTrustAndUsesUpATry() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        // when
        RegistryException e = refused("CODE_WRONG", () -> b.registry.approve(a.id(), wrong(code)));

        // then
        assertContains(e.getMessage(), "2 tries left");
        assertContains(e.getMessage(), "no trust was created");
        assertTrue(a.trust.trusted().isEmpty());
        assertTrue(b.trust.trusted().isEmpty());
        assertEquals(2, b.registry.requests().get(0).triesLeft());
        assertState(a, b, PeerState.REQUESTED);
        assertState(b, a, PeerState.REQUESTED);

        // and the right code still works
        b.registry.approve(a.id(), code);
        assertState(a, b, PeerState.APPROVED);
        assertState(b, a, PeerState.APPROVED);
    }

    @Test
    public void wrongCodeTooOftenRejectsTheRequestOnBothSides() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        // when
        refused("CODE_WRONG", () -> b.registry.approve(a.id(), wrong(code)));
        refused("CODE_WRONG", () -> b.registry.approve(a.id(), wrong(code)));
        RegistryException last = refused("CODE_WRONG", () -> b.registry.approve(a.id(), wrong(code)));

        // then
        assertContains(last.getMessage(), "no tries are left");
        assertContains(last.getMessage(), "peer:register again");
        assertState(a, b, PeerState.REJECTED);
        assertState(b, a, PeerState.REJECTED);
        assertTrue(b.registry.requests().isEmpty());
        refused("PEER_UNKNOWN", () -> b.registry.approve(a.id(), code));
        assertTrue(a.trust.trusted().isEmpty());
        assertTrue(b.trust.trusted().isEmpty());
    }

    @Test
    public void malformedCodeUsesUpNoTry() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        a.registry.register(b.url());

        RegistryException e = refused("CODE_WRONG", () -> b.registry.approve(a.id(), "ABCD-EFGH-IJKL-MN0P"));

        assertContains(e.getMessage(), "No try was used up");
        assertEquals(3, b.registry.requests().get(0).triesLeft());
    }

    @Test
    public void replayedRegistrationIsRefused() {
        // given A's registration reached B once
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();
        RegistrationMessage captured = network.registrations.get(0);

        // when it is sent again, with A's own certificate (the strongest replay there is)
        refused("REPLAYED", () -> b.registry.onRegistration(captured, a.identity.certificate()));
        // even once the original request is gone
        b.registry.reject(a.id());
        refused("REPLAYED", () -> b.registry.onRegistration(captured, a.identity.certificate()));

        // then nothing was added
        assertTrue(b.registry.requests().isEmpty());
        refused("PEER_UNKNOWN", () -> b.registry.approve(a.id(), code));
    }

    @Test
    public void secondRequestWhilePendingIsRefused() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        a.registry.register(b.url());

        RegistryException e = refused("REQUEST_PENDING", () -> a.registry.register(b.url()));
        assertContains(e.getMessage(), "already waiting");
        refused("REQUEST_PENDING", () -> b.registry.register(a.url()));
    }

    @Test
    public void replayedConfirmationAfterApprovalIsRefused() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        ConfirmMessage captured = network.confirms.get(0);

        // when B's confirmation is delivered again, even with B's certificate
        refused("ALREADY_REGISTERED", () -> a.registry.onConfirm(a.id(), captured, b.identity.certificate()));

        // then
        assertState(a, b, PeerState.APPROVED);
        assertEquals(1, a.trust.trusted().size());
    }

    @Test
    public void alreadyRegisteredPeerCannotRegisterAgain() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        refused("ALREADY_REGISTERED", () -> a.registry.register(b.url()));
        refused("ALREADY_REGISTERED", () -> b.registry.register(a.url()));
    }

    @Test
    public void registrationWithItselfIsRefused() {
        TestPeer a = peer("alpha");
        refused("PEER_IS_SELF", () -> a.registry.register(a.url()));
        network.alias("alias", a);
        refused("PEER_IS_SELF", () -> a.registry.register(URI.create("https://alias:8443")));
    }

    @Test
    public void invalidUrlsAreRefusedWithTheProblem() {
        TestPeer a = peer("alpha");
        assertContains(refused("URL_INVALID", () -> a.registry.register(URI.create("http://beta:8443")))
                .getMessage(), "https://");
        assertContains(refused("URL_INVALID", () -> a.registry.register(URI.create("https:///path")))
                .getMessage(), "no host");
        refused("URL_INVALID", () -> a.registry.register(URI.create("https://user:pw@beta:8443")));
        refused("URL_INVALID", () -> a.registry.register(null));
    }

    @Test
    public void unreachablePeerIsNamed() {
        TestPeer a = peer("alpha");
        RegistryException e = refused("PEER_UNREACHABLE",
                () -> a.registry.register(URI.create("https://nowhere:8443")));
        assertContains(e.getMessage(), "https://nowhere:8443");
    }

    @Test
    public void certificateNotMatchingThePeerIdIsRefused() {
        TestPeer b = peer("beta");
        TestIdentity a = new TestIdentity("alpha");
        TestIdentity other = new TestIdentity("other");

        // the message claims another peer's id
        RegistrationMessage lying = message(other.peerId(), a);
        assertContains(refused("CERT_MISMATCH", () -> b.registry.onRegistration(lying, a.certificate()))
                .getMessage(), "claims peer id");
        // the message carries a certificate other than the TLS client certificate
        RegistrationMessage foreign = message(other.peerId(), other);
        refused("CERT_MISMATCH", () -> b.registry.onRegistration(foreign, a.certificate()));
        // no client certificate at all
        refused("REQUEST_INVALID", () -> b.registry.onRegistration(message(a.peerId(), a), null));
        // an expired certificate
        TestIdentity stale = new TestIdentity("stale");
        var expired = TestIdentity.issue(stale.keys(), "stale", clock.instant().minus(Duration.ofDays(10)),
                Duration.ofDays(1));
        RegistrationMessage old = new RegistrationMessage(stale.peerId(), "stale", "https://stale:8443",
                "https://stale:8444", Certificates.toPem(expired), HandshakeCrypto.encode(new byte[32]));
        assertContains(refused("REQUEST_INVALID", () -> b.registry.onRegistration(old, expired)).getMessage(),
                "not valid now");
        assertTrue(b.registry.requests().isEmpty());
    }

    @Test
    public void serverCertificateNotMatchingTheReplyIsRefused() {
        // given someone terminates TLS in front of B and passes B's answer on unchanged
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        network.intercept(new TestIdentity("mallory"), TestNetwork.Attack.SUBSTITUTE_REQUEST_ONLY);

        // when
        RegistryException e = refused("CERT_MISMATCH", () -> a.registry.register(b.url()));

        // then
        assertContains(e.getMessage(), "intercepting");
        assertTrue(a.registry.peers().isEmpty());
    }

    @Test
    public void manInTheMiddleSubstitutingCertificatesGetsNoTrust() {
        // given an attacker who terminates TLS both ways and puts its own certificate in every message
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        TestIdentity mallory = new TestIdentity("mallory");
        network.intercept(mallory, TestNetwork.Attack.SUBSTITUTE);

        // when A's owner registers and B's owner approves the request that arrived, with A's code
        OutgoingRegistration outgoing = a.registry.register(b.url());
        assertEquals("A was shown the attacker's fingerprint, not B's", mallory.peerId(), outgoing.remotePeerId());
        String requestId = b.registry.requests().get(0).peerId();
        assertEquals(mallory.peerId(), requestId);
        RegistryException e = refused("CODE_WRONG", () -> b.registry.approve(requestId, outgoing.code()));

        // then the code-keyed tags did not match and nobody trusts anybody
        assertContains(e.getMessage(), "no trust was created");
        assertTrue(a.trust.trusted().isEmpty());
        assertTrue(b.trust.trusted().isEmpty());
    }

    @Test
    public void requesterThatCannotProveTheCodeIsRejectedAndToldSo() {
        // given a requester that accepts B's tag but answers with a wrong one of its own
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();
        network.confirmReplies = reply -> new ConfirmReply(HandshakeCrypto.encode(new byte[32]));

        // when
        RegistryException e = refused("CODE_WRONG", () -> b.registry.approve(a.id(), code));

        // then B trusts nobody, and its rejection made A drop the trust it had just created
        assertContains(e.getMessage(), "No trust was created here");
        assertTrue(b.trust.trusted().isEmpty());
        assertTrue(a.trust.trusted().isEmpty());
        assertState(b, a, PeerState.REJECTED);
        assertState(a, b, PeerState.REJECTED);
    }

    @Test
    public void lostConfirmationAnswerCanBeCleanedUp() {
        // given A approved, but its answer never reached B
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();
        network.confirmReplies = reply -> {
            throw new RegistryException("PEER_UNREACHABLE", "Cannot reach the peer at https://alpha:8443: reset.");
        };
        refused("PEER_UNREACHABLE", () -> b.registry.approve(a.id(), code));
        assertState(a, b, PeerState.APPROVED);
        network.confirmReplies = reply -> reply;

        // when B's owner tries again, he is told what to do
        assertContains(refused("ALREADY_REGISTERED", () -> b.registry.approve(a.id(), code)).getMessage(),
                "peer:reject");
        b.registry.reject(a.id());

        // then both sides are back to no trust
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());
        assertState(a, b, PeerState.REJECTED);
        assertState(b, a, PeerState.REJECTED);
    }

    @Test
    public void expiredRequestCannotBeApproved() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        clock.advance(Duration.ofSeconds(3601));

        assertContains(refused("CODE_EXPIRED", () -> b.registry.approve(a.id(), code)).getMessage(),
                "peer:register again");
        assertTrue(b.registry.requests().isEmpty());
        assertTrue(b.trust.trusted().isEmpty());
        assertTrue(a.trust.trusted().isEmpty());
    }

    @Test
    public void requestExpiredOnTheRequesterSideIsDropped() {
        // given A keeps its code for one minute only
        TestPeer a = newPeer("alpha");
        a.config.put("requestTtlSeconds", 60);
        a.start();
        TestPeer b = peer("beta");
        OutgoingRegistration outgoing = a.registry.register(b.url());
        assertTrue(outgoing.expires().isBefore(clock.instant().plusSeconds(61)));

        // when
        clock.advance(Duration.ofSeconds(120));

        // then
        refused("CODE_EXPIRED", () -> b.registry.approve(a.id(), outgoing.code()));
        assertTrue(b.registry.requests().isEmpty());
        assertFalse(a.registry.peer(b.id()).isPresent());
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());
    }

    @Test
    public void requesterThatForgotTheRequestIsReported() {
        // given A restarts after asking (the code lived in memory only)
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();
        a.restart();
        assertFalse(a.registry.peer(b.id()).isPresent());

        // when
        RegistryException e = refused("REMOTE_REFUSED", () -> b.registry.approve(a.id(), code));

        // then
        assertContains(e.getMessage(), "no longer knows");
        assertContains(e.getMessage(), "peer:register again");
        assertTrue(b.registry.requests().isEmpty());
        // and A can ask again
        b.registry.approve(a.id(), a.registry.register(b.url()).code());
        assertState(a, b, PeerState.APPROVED);
    }

    @Test
    public void unreachableRequesterKeepsTheRequest() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();
        network.down("alpha");

        assertContains(refused("PEER_UNREACHABLE", () -> b.registry.approve(a.id(), code)).getMessage(),
                "request is kept");
        assertEquals(3, b.registry.requests().get(0).triesLeft());

        network.up("alpha");
        b.registry.approve(a.id(), code);
        assertState(b, a, PeerState.APPROVED);
    }

    @Test
    public void rejectTellsTheRequester() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        // when
        b.registry.reject(a.id().substring(0, 8));

        // then
        assertState(b, a, PeerState.REJECTED);
        assertState(a, b, PeerState.REJECTED);
        assertTrue(b.registry.requests().isEmpty());
        refused("PEER_UNKNOWN", () -> b.registry.approve(a.id(), code));
        assertTrue(a.trust.trusted().isEmpty() && b.trust.trusted().isEmpty());
    }

    @Test
    public void rejectionIsAcceptedOnlyFromThePinnedCertificate() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        a.registry.register(b.url());
        TestIdentity other = new TestIdentity("other");

        refused("PEER_UNKNOWN", () -> a.registry.onReject(a.id(), other.certificate()));
        refused("REQUEST_INVALID", () -> a.registry.onReject(a.id(), null));
        b.identity.rotateCertificate(); // same key, other certificate than the one pinned
        refused("CERT_MISMATCH", () -> a.registry.onReject(a.id(), b.identity.certificate()));
        assertState(a, b, PeerState.REQUESTED);
    }

    @Test
    public void requesterCanCancelItsOwnRequest() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        String code = a.registry.register(b.url()).code();

        a.registry.reject(b.id());

        assertState(a, b, PeerState.REJECTED);
        refused("REMOTE_REFUSED", () -> b.registry.approve(a.id(), code));
    }

    @Test
    public void unregisterRemovesTrustOnBothSides() {
        // given
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        // when
        a.registry.unregister(b.id().substring(0, 12));

        // then
        assertState(a, b, PeerState.UNREGISTERED);
        assertState(b, a, PeerState.UNREGISTERED);
        assertTrue(a.trust.trusted().isEmpty());
        assertTrue(b.trust.trusted().isEmpty());
        refused("PEER_UNKNOWN", () -> b.registry.onHeartbeat(a.identity.certificate()));

        // and they can register again
        pair(b, a);
    }

    @Test
    public void unregisterOfAnUnreachablePeerStillEndsItHere() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);
        network.down("beta");

        a.registry.unregister(b.id());

        assertState(a, b, PeerState.UNREGISTERED);
        assertTrue(a.trust.trusted().isEmpty());
        assertState(b, a, PeerState.APPROVED);
    }

    @Test
    public void unknownCallersAreRefused() {
        TestPeer a = peer("alpha");
        TestIdentity stranger = new TestIdentity("stranger");

        refused("PEER_UNKNOWN", () -> a.registry.onHeartbeat(stranger.certificate()));
        refused("PEER_UNKNOWN", () -> a.registry.onUnregister(stranger.certificate()));
        refused("PEER_UNKNOWN", () -> a.registry.onHeartbeat(null));
        refused("PEER_UNKNOWN", () -> a.registry.onConfirm(a.id(), new ConfirmMessage("x"),
                stranger.certificate()));
        refused("PEER_UNKNOWN", () -> a.registry.onConfirm("not-me", new ConfirmMessage("x"),
                stranger.certificate()));
    }

    @Test
    public void tooManyPendingRequestsAreRefused() {
        TestPeer b = newPeer("beta");
        b.config.put("maxPendingRequests", 2);
        b.start();
        peer("one").registry.register(b.url());
        peer("two").registry.register(b.url());

        refused("TOO_MANY_REQUESTS", () -> peer("three").registry.register(b.url()));
    }

    @Test
    public void peerIdsAcceptUniquePrefixes() {
        TestPeer a = peer("alpha");
        TestPeer b = peer("beta");
        pair(a, b);

        assertEquals(b.id(), a.registry.peer(b.id().substring(0, 8)).orElseThrow().id());
        assertEquals(b.id(), a.registry.peer(b.id().toUpperCase()).orElseThrow().id());
        assertFalse(a.registry.peer(b.id().substring(0, 7)).isPresent());
        assertContains(refused("PEER_UNKNOWN", () -> a.registry.unregister(b.id().substring(0, 7))).getMessage(),
                "at least 8");
        refused("PEER_UNKNOWN", () -> a.registry.unregister(a.id()));
        assertNotEquals(a.id(), b.id());
    }

    private static RegistrationMessage message(String claimedId, TestIdentity certificateOwner) {
        return new RegistrationMessage(claimedId, "x", "https://x:8443", "https://x:8444",
                Certificates.toPem(certificateOwner.certificate()), HandshakeCrypto.encode(new byte[32]));
    }
}
