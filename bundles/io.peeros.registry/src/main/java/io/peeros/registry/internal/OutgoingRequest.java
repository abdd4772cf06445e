package io.peeros.registry.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A registration this peer (the requester) asked for, kept in memory only: it holds the key derived from
 * the code, which never touches the disk.
 *
 * @param peerId the approver's id
 * @param certificate the approver's certificate, pinned for its confirmation
 * @param key K, derived from the code and both nonces
 * @param transcript what both tags are computed over
 * @param failures wrong tags received so far
 */
record OutgoingRequest(String peerId, X509Certificate certificate, byte[] key, byte[] transcript,
        Instant expires, int failures) {

    boolean isExpired(Instant now) {
        return !expires.isAfter(now);
    }

    OutgoingRequest failed() {
        return new OutgoingRequest(peerId, certificate, key, transcript, expires, failures + 1);
    }
}
