package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIds;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.OutgoingRegistration;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.transport.PeerTransport.Registered;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requesting side of a registration (peer A, whose owner runs {@code peer:register} and is shown the
 * code): sends the request, then checks the approver's tag. The key derived from the code stays in memory.
 */
final class Requester {

    private static final Logger LOG = LoggerFactory.getLogger(Requester.class);

    private final Context ctx;
    private final RegistryState state;
    /** Pending outgoing registrations by approver id; guarded by {@link #state}. */
    private final Map<String, OutgoingRequest> pending = new HashMap<>();

    Requester(Context ctx) {
        this.ctx = ctx;
        this.state = ctx.state();
    }

    OutgoingRegistration register(URI url) {
        PeerUrls.problem(url).ifPresent(problem -> {
            throw new RegistryException("URL_INVALID", "The peer URL '" + url + "' is invalid: " + problem + ".");
        });
        URI target = PeerUrls.normalize(url);
        if (target.equals(ctx.settings().publicUrl())) {
            throw new RegistryException("PEER_IS_SELF", target + " is this peer's own public URL.");
        }
        expire();
        synchronized (state) {
            if (pending.size() >= ctx.settings().maxPendingRequests()) {
                throw new RegistryException("TOO_MANY_REQUESTS", pending.size() + " registrations asked for by "
                        + "this peer are still waiting for approval; wait for them or cancel some (peer:reject).");
            }
        }
        String code = RegistrationCode.generate(ctx.random());
        byte[] nonceA = HandshakeCrypto.nonce(ctx.random());
        X509Certificate own = ctx.identity().certificate();
        RegistrationMessage message = new RegistrationMessage(ctx.selfId(), ctx.settings().name(),
                ctx.settings().publicUrl().toString(), ctx.settings().peerUrl().toString(), Certificates.toPem(own),
                HandshakeCrypto.encode(nonceA));
        Registered answer = ctx.transport().register(target, message);
        Instant now = ctx.clock().instant();
        RegistrationReply reply = answer.reply();
        X509Certificate remote = checkReply(reply, answer.serverCertificate(), target, now);
        byte[] nonceB = nonce(reply.nonce(), target);
        PeerRecord record = new PeerRecord(reply.peerId(), PeerNames.clean(reply.name()).orElse(reply.peerId()),
                remoteUrl(reply.publicUrl(), target), remoteUrl(reply.peerUrl(), target), PeerState.REQUESTED,
                Direction.OUTGOING, remote, now, now);
        Instant expires = now.plus(ctx.settings().requestTtl());
        Instant remoteExpiry = Instant.ofEpochSecond(reply.expiresEpochSecond());
        if (remoteExpiry.isAfter(now) && remoteExpiry.isBefore(expires)) {
            expires = remoteExpiry;
        }
        byte[] key = HandshakeCrypto.key(RegistrationCode.normalize(code), nonceA, nonceB);
        byte[] transcript = HandshakeCrypto.transcript(ctx.selfId(), Certificates.der(own), reply.peerId(),
                Certificates.der(remote), nonceA, nonceB);
        synchronized (state) {
            checkNotRegistered(reply.peerId(), record.name());
            pending.put(reply.peerId(), new OutgoingRequest(reply.peerId(), remote, key, transcript, expires, 0));
            state.put(record);
            state.save();
        }
        LOG.info("Asked {} ({}) at {} to register; waiting for its owner's approval until {}", record.name(),
                record.id(), target, expires);
        return new OutgoingRegistration(reply.peerId(), record.name(), target, Certificates.fingerprint(remote),
                code, expires);
    }

    ConfirmReply onConfirm(String requestId, ConfirmMessage message, X509Certificate clientCertificate) {
        String approverId = checkCaller(requestId, clientCertificate, "confirmation");
        Instant now = ctx.clock().instant();
        synchronized (state) {
            OutgoingRequest request = pendingFrom(approverId, clientCertificate);
            String name = nameOf(approverId);
            if (request.isExpired(now)) {
                drop(approverId);
                state.save();
                throw new RegistryException("CODE_EXPIRED", "The registration with " + name + " expired at "
                        + request.expires() + "; its owner must run peer:register again for a new code.");
            }
            if (!HandshakeCrypto.matches(HandshakeCrypto.approverTag(request.key(), request.transcript()),
                    message == null ? null : message.tag())) {
                throw wrongCode(request.failed(), name, now);
            }
            ctx.trust(approverId, request.certificate());
            pending.remove(approverId);
            PeerRecord approved = state.peer(approverId).orElseThrow().withState(PeerState.APPROVED, now).seen(now);
            state.put(approved);
            state.save();
            LOG.info("Registration with {} ({}) approved: the peers now trust each other", name, approverId);
            return new ConfirmReply(HandshakeCrypto.encode(
                    HandshakeCrypto.requesterTag(request.key(), request.transcript())));
        }
    }

    void onReject(String requestId, X509Certificate clientCertificate) {
        String approverId = checkCaller(requestId, clientCertificate, "rejection");
        Instant now = ctx.clock().instant();
        synchronized (state) {
            if (pending.containsKey(approverId)) {
                pendingFrom(approverId, clientCertificate);
                pending.remove(approverId);
                state.peer(approverId).ifPresent(p -> state.put(p.withState(PeerState.REJECTED, now)));
                state.save();
                LOG.info("{} ({}) rejected this peer's registration", nameOf(approverId), approverId);
                return;
            }
            // This peer approved, but the approver never got its answer and refused instead: undo our side.
            Optional<PeerRecord> peer = state.peer(approverId);
            if (peer.isPresent() && peer.get().isRegistered() && peer.get().direction() == Direction.OUTGOING
                    && ctx.trust().isTrusted(clientCertificate)) {
                ctx.trust().revoke(approverId);
                state.put(peer.get().withState(PeerState.REJECTED, now));
                state.save();
                LOG.warn("{} ({}) rejected the registration after this peer had approved it; trust removed",
                        peer.get().name(), approverId);
                return;
            }
            throw unknown(approverId);
        }
    }

    /** Cancels an outgoing registration; false if there is none with that peer. */
    boolean cancel(String peerId) {
        synchronized (state) {
            if (pending.remove(peerId) == null) {
                return false;
            }
            state.peer(peerId).ifPresent(p -> state.put(p.withState(PeerState.REJECTED, ctx.clock().instant())));
            state.save();
            return true;
        }
    }

    boolean isPending(String peerId) {
        synchronized (state) {
            return pending.containsKey(peerId);
        }
    }

    /** Drops expired outgoing registrations. */
    void expire() {
        Instant now = ctx.clock().instant();
        synchronized (state) {
            boolean changed = false;
            for (OutgoingRequest request : pending.values().toArray(OutgoingRequest[]::new)) {
                if (request.isExpired(now)) {
                    LOG.info("The registration with {} expired unapproved", request.peerId());
                    drop(request.peerId());
                    changed = true;
                }
            }
            if (changed) {
                state.save();
            }
        }
    }

    private RegistryException wrongCode(OutgoingRequest failed, String name, Instant now) {
        int left = ctx.settings().maxCodeTries() - failed.failures();
        if (left > 0) {
            pending.put(failed.peerId(), failed);
            LOG.warn("{} ({}) confirmed with a wrong code; tries left: {}", name, failed.peerId(), left);
            return new RegistryException("CODE_WRONG", "The registration code is wrong; no trust was created. "
                    + left + (left == 1 ? " try" : " tries") + " left.");
        }
        pending.remove(failed.peerId());
        state.peer(failed.peerId()).ifPresent(p -> state.put(p.withState(PeerState.REJECTED, now)));
        state.save();
        LOG.warn("{} ({}) used up its tries with wrong codes; the registration is rejected", name, failed.peerId());
        return new RegistryException("CODE_WRONG", "The registration code is wrong and no tries are left: the "
                + "registration was rejected and no trust was created. The owner of " + ctx.settings().name()
                + " must run peer:register again for a new code.");
    }

    private String checkCaller(String requestId, X509Certificate clientCertificate, String what) {
        if (clientCertificate == null) {
            throw new RegistryException("REQUEST_INVALID", "A registration " + what + " must be sent with the "
                    + "approver's certificate as TLS client certificate; none was presented.");
        }
        if (!ctx.selfId().equals(requestId)) {
            throw new RegistryException("PEER_UNKNOWN", "Registration '" + requestId + "' is not one asked for "
                    + "by this peer: a request id is the requesting peer's id, " + ctx.selfId() + ".");
        }
        return PeerIds.of(clientCertificate);
    }

    /** The pending registration with {@code approverId}, sent with the certificate pinned for it. */
    private OutgoingRequest pendingFrom(String approverId, X509Certificate clientCertificate) {
        OutgoingRequest request = pending.get(approverId);
        if (request == null) {
            throw unknown(approverId);
        }
        if (!Certificates.sameDer(clientCertificate, request.certificate())) {
            throw new RegistryException("CERT_MISMATCH", "The call came with a certificate other than the one "
                    + "peer " + approverId + " presented when this peer asked it to register.");
        }
        return request;
    }

    private RegistryException unknown(String approverId) {
        Optional<PeerRecord> peer = state.peer(approverId);
        if (peer.isPresent() && peer.get().isRegistered()) {
            return new RegistryException("ALREADY_REGISTERED", "Peer " + peer.get().name() + " (" + approverId
                    + ") is already registered with this peer; nothing is pending.");
        }
        return new RegistryException("PEER_UNKNOWN", "This peer has no pending registration with peer "
                + approverId + ": it expired, ran out of tries, was cancelled, or this peer restarted. The owner of "
                + ctx.settings().name() + " must run peer:register again.");
    }

    private void checkNotRegistered(String peerId, String name) {
        Optional<PeerRecord> known = state.peer(peerId);
        if (known.isPresent() && known.get().isRegistered()) {
            throw new RegistryException("ALREADY_REGISTERED", "Peer " + name + " (" + peerId
                    + ") is already registered with this peer.");
        }
        if (state.request(peerId).isPresent()) {
            throw new RegistryException("REQUEST_PENDING", "Peer " + name + " (" + peerId + ") has already asked "
                    + "to register with this peer: approve its request with peer:approve instead.");
        }
    }

    private X509Certificate checkReply(RegistrationReply reply, X509Certificate serverCertificate, URI url,
            Instant now) {
        if (reply == null || reply.peerId() == null) {
            throw new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered without a peer id.");
        }
        X509Certificate remote;
        try {
            remote = Certificates.fromPem(reply.certificatePem());
        } catch (IllegalArgumentException e) {
            throw new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered with an unusable "
                    + "certificate: " + e.getMessage() + ".");
        }
        String keyId = PeerIds.of(remote);
        if (!keyId.equals(reply.peerId())) {
            throw new RegistryException("CERT_MISMATCH", "The peer at " + url + " claims id " + reply.peerId()
                    + " but the key of the certificate it sent has id " + keyId + ".");
        }
        String tlsId = PeerIds.of(serverCertificate);
        if (!tlsId.equals(reply.peerId())) {
            throw new RegistryException("CERT_MISMATCH", "The peer at " + url + " answered as " + reply.peerId()
                    + " but its TLS connection used the key of " + tlsId + "; someone may be intercepting "
                    + "the connection. Nothing was recorded.");
        }
        Certificates.checkSelfSigned(remote, now, "CERT_MISMATCH");
        if (reply.peerId().equals(ctx.selfId())) {
            throw new RegistryException("PEER_IS_SELF", url + " is this peer itself.");
        }
        synchronized (state) {
            checkNotRegistered(reply.peerId(), PeerNames.clean(reply.name()).orElse(reply.peerId()));
        }
        return remote;
    }

    private static byte[] nonce(String encoded, URI url) {
        try {
            byte[] nonce = HandshakeCrypto.decode(encoded);
            if (nonce.length == HandshakeCrypto.NONCE_BYTES) {
                return nonce;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new RegistryException("REMOTE_REFUSED", "The peer at " + url + " answered without a valid nonce.");
    }

    private static URI remoteUrl(String text, URI url) {
        return PeerUrls.parse(text).filter(u -> PeerUrls.problem(u).isEmpty()).map(PeerUrls::normalize)
                .orElseThrow(() -> new RegistryException("REMOTE_REFUSED", "The peer at " + url
                        + " answered with an unusable URL '" + text + "'."));
    }

    private String nameOf(String peerId) {
        return state.peer(peerId).map(PeerRecord::name).orElse(peerId);
    }

    private void drop(String peerId) {
        pending.remove(peerId);
        state.peer(peerId).filter(p -> p.state() == PeerState.REQUESTED && p.direction() == Direction.OUTGOING)
                .ifPresent(p -> state.remove(peerId));
    }
}
