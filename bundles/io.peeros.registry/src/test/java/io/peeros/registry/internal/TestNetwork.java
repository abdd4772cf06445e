package io.peeros.registry.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.RegistryException;
import io.peeros.registry.api.protocol.ConfirmMessage;
import io.peeros.registry.api.protocol.ConfirmReply;
import io.peeros.registry.api.protocol.PeerProtocol;
import io.peeros.registry.api.protocol.RegistrationMessage;
import io.peeros.registry.api.protocol.RegistrationReply;
import io.peeros.registry.internal.transport.PeerTransport;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An in-process network of peers. Calls reach the other peer's {@link PeerProtocol} with the caller's real
 * certificate, as the REST layer would after a TLS handshake, and messages go through JSON. The network can
 * drop a host, or let a man in the middle terminate TLS with its own certificate.
 */
final class TestNetwork {

    /** How an attacker between the peers behaves. */
    enum Attack {
        /** Terminates TLS with its own certificate and rewrites ids and certificates in the messages. */
        SUBSTITUTE,
        /** Puts its own certificate in the request but passes the reply unchanged. */
        SUBSTITUTE_REQUEST_ONLY
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, TestPeer> hosts = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    final List<RegistrationMessage> registrations = new CopyOnWriteArrayList<>();
    final List<ConfirmMessage> confirms = new CopyOnWriteArrayList<>();
    /** What happens to a confirmation's answer on its way back (lost, tampered with); unchanged by default. */
    volatile UnaryOperator<ConfirmReply> confirmReplies = UnaryOperator.identity();
    private volatile TestIdentity attacker;
    private volatile Attack attack;

    void attach(TestPeer peer) {
        hosts.put(peer.host, peer);
    }

    /** Makes {@code peer} reachable under a second host name too. */
    void alias(String host, TestPeer peer) {
        hosts.put(host, peer);
    }

    void down(String host) {
        down.add(host);
    }

    void up(String host) {
        down.remove(host);
    }

    void intercept(TestIdentity attacker, Attack attack) {
        this.attacker = attacker;
        this.attack = attack;
    }

    void stopIntercepting() {
        this.attacker = null;
        this.attack = null;
    }

    PeerTransport transportFor(TestPeer sender) {
        return new Loopback(sender);
    }

    private final class Loopback implements PeerTransport {

        private final TestPeer sender;

        Loopback(TestPeer sender) {
            this.sender = sender;
        }

        @Override
        public Registered register(URI publicUrl, RegistrationMessage message) {
            TestPeer target = reach(publicUrl);
            RegistrationMessage sent = roundTrip(message, RegistrationMessage.class);
            registrations.add(sent);
            TestIdentity mitm = attacker;
            if (mitm != null) {
                sent = new RegistrationMessage(mitm.peerId(), sent.name(), sent.publicUrl(), sent.peerUrl(),
                        Certificates.toPem(mitm.certificate()), sent.nonce());
            }
            RegistrationMessage delivered = sent;
            RegistrationReply reply = relay(() -> target.registry.onRegistration(delivered, clientCert()));
            if (mitm != null && attack == Attack.SUBSTITUTE) {
                reply = new RegistrationReply(mitm.peerId(), reply.name(), reply.publicUrl(), reply.peerUrl(),
                        Certificates.toPem(mitm.certificate()), reply.nonce(), reply.expiresEpochSecond());
            }
            return new Registered(roundTrip(reply, RegistrationReply.class), serverCert(target));
        }

        @Override
        public ConfirmReply confirm(URI publicUrl, String requestId, ConfirmMessage message,
                X509Certificate pinned) {
            TestPeer target = reach(publicUrl);
            checkPinned(target, pinned, publicUrl);
            ConfirmMessage sent = roundTrip(message, ConfirmMessage.class);
            confirms.add(sent);
            ConfirmReply reply = relay(() -> target.registry.onConfirm(path(requestId, target), sent, clientCert()));
            return roundTrip(confirmReplies.apply(reply), ConfirmReply.class);
        }

        @Override
        public void reject(URI publicUrl, String requestId, X509Certificate pinned) {
            TestPeer target = reach(publicUrl);
            checkPinned(target, pinned, publicUrl);
            relay(() -> {
                target.registry.onReject(path(requestId, target), clientCert());
                return null;
            });
        }

        @Override
        public Alive heartbeat(URI peerUrl) {
            TestPeer target = mutualTls(peerUrl);
            PeerInfo info = relay(() -> target.registry.onHeartbeat(clientCert()));
            return new Alive(roundTrip(info, PeerInfo.class), serverCert(target));
        }

        @Override
        public void unregister(URI peerUrl) {
            TestPeer target = mutualTls(peerUrl);
            relay(() -> {
                target.registry.onUnregister(clientCert());
                return null;
            });
        }

        /** Echoes the call as {@code METHOD path body} from the peer reached, after the same TLS checks. */
        @Override
        public byte[] call(URI peerUrl, String peerId, String method, String path, byte[] jsonBody,
                java.time.Duration timeout) {
            TestPeer target = mutualTls(peerUrl);
            if (!target.id().equals(peerId)) {
                throw new RegistryException("PEER_UNREACHABLE", "The server at " + peerUrl + " is peer "
                        + target.id() + ", not " + peerId + ".");
            }
            String body = jsonBody == null ? "" : " " + new String(jsonBody, java.nio.charset.StandardCharsets.UTF_8);
            return (target.host + " " + method + " " + path + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Writes what {@link #call} would answer to a GET into {@code target}. */
        @Override
        public void download(URI peerUrl, String peerId, String path, java.nio.file.Path target, long maxBytes,
                java.time.Duration timeout) {
            byte[] body = call(peerUrl, peerId, "GET", path, null, timeout);
            if (body.length > maxBytes) {
                throw new RegistryException("REMOTE_REFUSED", "The peer at " + peerUrl + " answered with more than "
                        + maxBytes + " bytes.");
            }
            try {
                java.nio.file.Files.write(target, body);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }

        private TestPeer reach(URI url) {
            TestPeer target = hosts.get(url.getHost());
            if (target == null || down.contains(url.getHost()) || down.contains(sender.host)) {
                throw new RegistryException("PEER_UNREACHABLE", "Cannot reach the peer at " + url
                        + ": the connection was refused or the host is unreachable.");
            }
            return target;
        }

        /** Both sides check the other against their trust store, as mutual TLS would. */
        private TestPeer mutualTls(URI url) {
            TestPeer target = reach(url);
            if (!sender.trust.isTrusted(serverCert(target)) || !target.trust.isTrusted(clientCert())) {
                throw new RegistryException("PEER_UNREACHABLE", "Cannot reach the peer at " + url
                        + ": the TLS handshake failed (certificate not trusted).");
            }
            return target;
        }

        private void checkPinned(TestPeer target, X509Certificate pinned, URI url) {
            if (!Certificates.sameDer(serverCert(target), pinned)) {
                throw new RegistryException("PEER_UNREACHABLE", "Cannot reach the peer at " + url
                        + ": the TLS handshake failed (not the pinned certificate).");
            }
        }

        /** An attacker in the middle rewrites the request id in the path back to its victim's. */
        private String path(String requestId, TestPeer target) {
            return attacker != null ? target.id() : requestId;
        }

        private X509Certificate clientCert() {
            TestIdentity mitm = attacker;
            return mitm != null ? mitm.certificate() : sender.identity.certificate();
        }

        private X509Certificate serverCert(TestPeer target) {
            TestIdentity mitm = attacker;
            return mitm != null ? mitm.certificate() : target.identity.certificate();
        }
    }

    /** What a REST layer does with a refusal: only the code and message cross the wire. */
    private static <T> T relay(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RegistryException e) {
            throw new RegistryException(e.code(), e.getMessage());
        }
    }

    private <T> T roundTrip(T value, Class<T> type) {
        try {
            return json.readValue(json.writeValueAsBytes(value), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot round-trip " + type.getSimpleName() + " through JSON", e);
        }
    }

}
