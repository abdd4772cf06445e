package io.peeros.registry.internal;

import io.peeros.identity.api.PeerIds;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistrationRequest;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.RemotePeer;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approving side of a registration (peer B, whose owner types the code into {@code peer:approve}):
 * records requests, then proves the code to the requester and checks its answer.
 */
final class Approver {

    private static final Logger LOG = LoggerFactory.getLogger(Approver.class);
    private static final int NONCE_MEMORY = 4096;

    private final Context ctx;
    private final RegistryState state;
    private final Predicate<String> askedByUs;
    private final NonceCache nonces = new NonceCache(NONCE_MEMORY);
    private final Set<String> approving = ConcurrentHashMap.newKeySet();

    /**
     * @param askedByUs whether this peer has itself asked a given peer to register (then that peer's owner
     *     should approve, not send a request of its own)
     */
    Approver(Context ctx, Predicate<String> askedByUs) {
        this.ctx = ctx;
        this.state = ctx.state();
        this.askedByUs = askedByUs;
        Instant now = ctx.clock().instant();
        state.requests().forEach(r -> nonces.remember(HandshakeCrypto.encode(r.nonceA()), now, r.expires()));
    }

    RegistrationReply onRegistration(RegistrationMessage message, X509Certificate clientCertificate) {
        Instant now = ctx.clock().instant();
        if (clientCertificate == null) {
            throw invalid("A registration request must be sent with the requesting peer's certificate as TLS "
                    + "client certificate; none was presented.");
        }
        if (message == null) {
            throw invalid("The registration request is empty.");
        }
        X509Certificate certificate;
        try {
            certificate = Certificates.fromPem(message.certificatePem());
        } catch (IllegalArgumentException e) {
            throw invalid("The registration request's certificate is unusable: " + e.getMessage() + ".");
        }
        if (!Certificates.sameDer(certificate, clientCertificate)) {
            throw new RegistryException("CERT_MISMATCH", "The certificate in the registration request is not the "
                    + "TLS client certificate of the connection it came on.");
        }
        String peerId = PeerIds.of(certificate);
        if (!peerId.equals(message.peerId())) {
            throw new RegistryException("CERT_MISMATCH", "The registration request claims peer id "
                    + message.peerId() + " but the key of its certificate has id " + peerId + ".");
        }
        Certificates.checkSelfSigned(certificate, now, "REQUEST_INVALID");
        String name = PeerNames.clean(message.name()).orElseThrow(() -> invalid("The peer name must be 1 to "
                + PeerNames.MAX_LENGTH + " printable characters."));
        URI publicUrl = url(message.publicUrl(), "public URL");
        URI peerUrl = url(message.peerUrl(), "peer URL");
        byte[] nonceA = nonce(message.nonce());
        if (peerId.equals(ctx.selfId())) {
            throw new RegistryException("PEER_IS_SELF", "A peer cannot register with itself.");
        }
        Instant expires = now.plus(ctx.settings().requestTtl());
        String nonce = HandshakeCrypto.encode(nonceA);
        if (nonces.seen(nonce, now)) {
            throw replayed();
        }
        byte[] nonceB = HandshakeCrypto.nonce(ctx.random());
        X509Certificate own = ctx.identity().certificate();
        synchronized (state) {
            expire();
            checkAcceptable(peerId, name);
            switch (nonces.remember(nonce, now, expires)) {
                case REPLAYED -> throw replayed();
                case FULL -> throw tooMany();
                default -> { }
            }
            state.putRequest(new IncomingRequest(peerId, name, publicUrl, peerUrl, certificate, own, nonceA, nonceB,
                    now, expires, ctx.settings().maxCodeTries()));
            state.put(new PeerRecord(peerId, name, publicUrl, peerUrl, PeerState.REQUESTED, Direction.INCOMING,
                    certificate, now, now));
            state.save();
        }
        LOG.info("Registration request from {} ({}) at {}, certificate {}; waiting for approval until {}", name,
                peerId, publicUrl, Certificates.fingerprint(certificate), expires);
        return new RegistrationReply(ctx.selfId(), ctx.settings().name(), ctx.settings().publicUrl().toString(),
                ctx.settings().peerUrl().toString(), Certificates.toPem(own), HandshakeCrypto.encode(nonceB),
                expires.getEpochSecond());
    }

    List<RegistrationRequest> requests() {
        expire();
        return state.requests().stream().map(IncomingRequest::toApi).toList();
    }

    RemotePeer approve(String peerId, String code) {
        String id = state.resolve(peerId);
        byte[] normalizedCode = RegistrationCode.normalize(code);
        IncomingRequest request;
        synchronized (state) {
            request = state.request(id).orElseThrow(() -> new RegistryException("PEER_UNKNOWN", "Peer "
                    + describe(id) + " has no registration request waiting for approval here."));
            if (request.isExpired(ctx.clock().instant())) {
                drop(id, null);
                state.save();
                throw new RegistryException("CODE_EXPIRED", "The registration request from " + request.name()
                        + " expired at " + request.expires() + ". Ask its owner to run peer:register again.");
            }
            if (!approving.add(id)) {
                throw new RegistryException("REQUEST_PENDING", "The request from " + request.name()
                        + " is being approved right now; wait for that to finish.");
            }
        }
        try {
            return confirm(request, normalizedCode);
        } finally {
            approving.remove(id);
        }
    }

    private RemotePeer confirm(IncomingRequest request, byte[] normalizedCode) {
        byte[] key = HandshakeCrypto.key(normalizedCode, request.nonceA(), request.nonceB());
        byte[] transcript = HandshakeCrypto.transcript(request.peerId(), Certificates.der(request.certificate()),
                ctx.selfId(), Certificates.der(request.ownCertificate()), request.nonceA(), request.nonceB());
        ConfirmReply reply;
        try {
            reply = ctx.transport().confirm(request.publicUrl(), request.peerId(),
                    new ConfirmMessage(HandshakeCrypto.encode(HandshakeCrypto.approverTag(key, transcript))),
                    request.certificate());
        } catch (RegistryException e) {
            throw confirmFailed(request, e);
        }
        Instant now = ctx.clock().instant();
        if (reply == null || !HandshakeCrypto.matches(HandshakeCrypto.requesterTag(key, transcript), reply.tag())) {
            synchronized (state) {
                drop(request.peerId(), PeerState.REJECTED);
                state.save();
            }
            tellRejected(request);
            LOG.warn("{} ({}) accepted the code but could not prove it knows it; request rejected",
                    request.name(), request.peerId());
            throw new RegistryException("CODE_WRONG", "Peer " + request.name() + " accepted the approval but "
                    + "answered with a confirmation that does not match the code, so it may not be the peer whose "
                    + "owner gave you the code. No trust was created here and the request was rejected.");
        }
        PeerRecord approved = new PeerRecord(request.peerId(), request.name(), request.publicUrl(),
                request.peerUrl(), PeerState.APPROVED, Direction.INCOMING, request.certificate(), now, now);
        synchronized (state) {
            ctx.trust(request.peerId(), request.certificate());
            state.removeRequest(request.peerId());
            state.put(approved);
            state.save();
        }
        LOG.info("Approved {} ({}): the peers now trust each other", request.name(), request.peerId());
        return approved.toApi();
    }

    /** What the owner is told when the requester did not accept the confirmation. */
    private RegistryException confirmFailed(IncomingRequest request, RegistryException e) {
        String name = request.name();
        synchronized (state) {
            switch (e.code()) {
                case "CODE_WRONG" -> {
                    int left = state.request(request.peerId()).map(IncomingRequest::triesLeft)
                            .orElse(request.triesLeft()) - 1;
                    if (left <= 0) {
                        drop(request.peerId(), PeerState.REJECTED);
                        state.save();
                        return new RegistryException("CODE_WRONG", "The code is wrong (" + name + " checked it) "
                                + "and no tries are left: the request was rejected and no trust was created. Ask "
                                + "the owner of " + name + " to run peer:register again for a new code.", e);
                    }
                    state.putRequest(request.withTriesLeft(left));
                    state.save();
                    return new RegistryException("CODE_WRONG", "The code is wrong (" + name + " checked it); no "
                            + "trust was created. " + left + (left == 1 ? " try" : " tries") + " left.", e);
                }
                case "CODE_EXPIRED" -> {
                    drop(request.peerId(), null);
                    state.save();
                    return new RegistryException("CODE_EXPIRED", "The registration expired on " + name + "'s "
                            + "side. Ask its owner to run peer:register again.", e);
                }
                case "PEER_UNKNOWN" -> {
                    drop(request.peerId(), null);
                    state.save();
                    return new RegistryException("REMOTE_REFUSED", "Peer " + name + " no longer knows this "
                            + "registration (it expired there, ran out of tries, or the peer restarted). The "
                            + "request was removed here; ask the owner of " + name + " to run peer:register "
                            + "again.", e);
                }
                case "ALREADY_REGISTERED" -> {
                    return new RegistryException("ALREADY_REGISTERED", name + " says it has already approved "
                            + "this peer, but its answer never arrived here, so this peer does not trust it. "
                            + "Reject this request (peer:reject) and ask its owner to run peer:register again.", e);
                }
                case "PEER_UNREACHABLE" -> {
                    return new RegistryException("PEER_UNREACHABLE", e.getMessage() + " The request is kept: "
                            + "try again when " + name + " answers at " + request.publicUrl() + " (its public "
                            + "URL).", e);
                }
                default -> {
                    return new RegistryException(e.code(), name + " refused the approval: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Rejects an incoming request; false if there is none from that peer. */
    boolean reject(String peerId) {
        IncomingRequest request;
        synchronized (state) {
            request = state.request(peerId).orElse(null);
            if (request == null) {
                return false;
            }
            if (approving.contains(peerId)) {
                throw new RegistryException("REQUEST_PENDING", "The request from " + request.name()
                        + " is being approved right now; wait for that to finish.");
            }
            drop(peerId, PeerState.REJECTED);
            state.save();
        }
        LOG.info("Rejected the registration request from {} ({})", request.name(), peerId);
        tellRejected(request);
        return true;
    }

    /** Drops expired incoming requests. */
    void expire() {
        Instant now = ctx.clock().instant();
        synchronized (state) {
            boolean changed = false;
            for (IncomingRequest request : state.requests()) {
                if (request.isExpired(now) && !approving.contains(request.peerId())) {
                    LOG.info("The registration request from {} ({}) expired", request.name(), request.peerId());
                    drop(request.peerId(), null);
                    changed = true;
                }
            }
            if (changed) {
                state.save();
            }
        }
    }

    private void tellRejected(IncomingRequest request) {
        try {
            ctx.transport().reject(request.publicUrl(), request.peerId(), request.certificate());
        } catch (RuntimeException e) {
            LOG.info("Could not tell {} that its registration was rejected: {}", request.name(), e.getMessage());
        }
    }

    /** Removes a request; its peer record becomes {@code outcome}, or goes away if null. */
    private void drop(String peerId, PeerState outcome) {
        state.removeRequest(peerId);
        state.peer(peerId).filter(p -> p.state() == PeerState.REQUESTED && p.direction() == Direction.INCOMING)
                .ifPresent(p -> {
                    if (outcome == null) {
                        state.remove(peerId);
                    } else {
                        state.put(p.withState(outcome, ctx.clock().instant()));
                    }
                });
    }

    private void checkAcceptable(String peerId, String name) {
        if (state.peer(peerId).filter(PeerRecord::isRegistered).isPresent()) {
            throw new RegistryException("ALREADY_REGISTERED", "This peer is already registered with " + name
                    + " (" + peerId + ").");
        }
        state.request(peerId).ifPresent(r -> {
            throw new RegistryException("REQUEST_PENDING", "A registration request from " + name + " is already "
                    + "waiting for approval here (until " + r.expires() + "); ask this peer's owner to approve "
                    + "or reject it.");
        });
        if (askedByUs.test(peerId)) {
            throw new RegistryException("REQUEST_PENDING", "This peer has already asked " + name + " to register; "
                    + "approve that request (peer:approve) instead of sending a new one.");
        }
        if (state.requests().size() >= ctx.settings().maxPendingRequests()) {
            throw tooMany();
        }
    }

    private String describe(String id) {
        return state.peer(id).map(p -> p.name() + " (" + id + ", " + p.state() + ")").orElse(id);
    }

    private static RegistryException replayed() {
        return new RegistryException("REPLAYED", "This registration request was received before (its nonce "
                + "was already used); a replayed request is refused.");
    }

    private RegistryException tooMany() {
        return new RegistryException("TOO_MANY_REQUESTS", "Too many registration requests are waiting for "
                + "approval here; try again later.");
    }

    private static RegistryException invalid(String message) {
        return new RegistryException("REQUEST_INVALID", message);
    }

    private static URI url(String text, String what) {
        URI url = PeerUrls.parse(text).orElseThrow(() -> invalid("The " + what + " '" + text + "' is not a URL."));
        PeerUrls.problem(url).ifPresent(problem -> {
            throw invalid("The " + what + " '" + text + "' is unusable: " + problem + ".");
        });
        return PeerUrls.normalize(url);
    }

    private static byte[] nonce(String encoded) {
        try {
            byte[] nonce = HandshakeCrypto.decode(encoded);
            if (nonce.length == HandshakeCrypto.NONCE_BYTES) {
                return nonce;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid("The nonce must be " + HandshakeCrypto.NONCE_BYTES + " random bytes, base64url.");
    }
}
