package io.peeros.vpn.internal.crypto;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timers of the swarm crypto. The defaults and the reasons for them are in
 * {@code docs/vpn-crypto.md}; tests shrink them to exercise rekeying.
 *
 * @param suite the AEAD, identical on every member (it is part of the Noise protocol name)
 * @param rekeyAfterTime the initiator of a session starts a new handshake once the keys are this old
 * @param rejectAfterTime keys this old are neither used nor accepted, and are zeroed
 * @param rekeyAfterBytes a new handshake once this many plaintext bytes were sent under one key
 * @param rejectAfterBytes no more sending under one key after this many bytes
 * @param rekeyAfterMessages a new handshake once the send counter reaches this
 * @param rejectAfterMessages no counter at or above this is sent or accepted
 * @param maxAuthFailures a receive key is retired after this many failed authentications
 * @param rekeyTimeout an unanswered handshake is retried after this long
 * @param rekeyAttemptTime retrying stops when the handshake has not completed after this long
 * @param keepaliveTimeout an empty packet is sent when data came in but nothing went out for this long
 * @param staticKeyLifetime how long a swarm static key binding is valid; the key is replaced at half of it
 * @param handshakesPerSecond initiations answered per second (token bucket, with a burst of the same size)
 * @param maxPendingHandshakes responder handshakes waiting for their final message, at most
 */
public record CryptoConfig(CipherSuite suite, Duration rekeyAfterTime, Duration rejectAfterTime, long rekeyAfterBytes,
        long rejectAfterBytes, long rekeyAfterMessages, long rejectAfterMessages, long maxAuthFailures,
        Duration rekeyTimeout, Duration rekeyAttemptTime, Duration keepaliveTimeout, Duration staticKeyLifetime,
        int handshakesPerSecond, int maxPendingHandshakes) {

    /**
     * The defaults with AES-256-GCM: on JDK 17 it runs on the CPU's AES and carry-less multiply instructions and
     * is 7 to 16 times faster than ChaCha20-Poly1305, which has no intrinsics there. The suite is a property of
     * the swarm (every member must use the same), so it is not chosen per CPU.
     */
    public static CryptoConfig defaults() {
        return defaults(CipherSuite.AES_256_GCM);
    }

    /** The defaults with another suite. */
    public static CryptoConfig defaults(CipherSuite suite) {
        return new CryptoConfig(suite, Duration.ofSeconds(120), Duration.ofSeconds(180), 1L << 36, 1L << 38,
                1L << 60, Long.MAX_VALUE - (1L << 13), 1L << 36, Duration.ofSeconds(5), Duration.ofSeconds(90),
                Duration.ofSeconds(10), Duration.ofHours(24), 200, 1024);
    }

    public CryptoConfig {
        Objects.requireNonNull(suite, "suite");
        if (rekeyAfterTime.compareTo(rejectAfterTime) >= 0 || rekeyAfterBytes > rejectAfterBytes
                || rekeyAfterMessages > rejectAfterMessages || handshakesPerSecond < 1 || maxPendingHandshakes < 1) {
            throw new IllegalArgumentException("inconsistent crypto limits");
        }
    }

    public CryptoConfig withSuite(CipherSuite s) {
        return new CryptoConfig(s, rekeyAfterTime, rejectAfterTime, rekeyAfterBytes, rejectAfterBytes,
                rekeyAfterMessages, rejectAfterMessages, maxAuthFailures, rekeyTimeout, rekeyAttemptTime,
                keepaliveTimeout, staticKeyLifetime, handshakesPerSecond, maxPendingHandshakes);
    }

    public CryptoConfig withRekeyAfterBytes(long rekey, long reject) {
        return new CryptoConfig(suite, rekeyAfterTime, rejectAfterTime, rekey, reject, rekeyAfterMessages,
                rejectAfterMessages, maxAuthFailures, rekeyTimeout, rekeyAttemptTime, keepaliveTimeout,
                staticKeyLifetime, handshakesPerSecond, maxPendingHandshakes);
    }

    public CryptoConfig withRekeyAfterMessages(long rekey, long reject) {
        return new CryptoConfig(suite, rekeyAfterTime, rejectAfterTime, rekeyAfterBytes, rejectAfterBytes, rekey,
                reject, maxAuthFailures, rekeyTimeout, rekeyAttemptTime, keepaliveTimeout, staticKeyLifetime,
                handshakesPerSecond, maxPendingHandshakes);
    }
}
