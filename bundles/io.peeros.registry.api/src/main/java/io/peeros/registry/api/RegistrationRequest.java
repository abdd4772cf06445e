package io.peeros.registry.api;

import java.net.URI;
import java.time.Instant;

/**
 * A request from another peer waiting for this peer's owner. The request id is the requesting peer's id.
 *
 * @param peerId the requesting peer's id (the SHA-256 of the key in its certificate, checked on receipt)
 * @param name the name it gave
 * @param publicUrl the URL it gave, where the approval is confirmed
 * @param certificateFingerprint SHA-256 of its certificate, to compare with what its owner sees
 * @param received when it arrived
 * @param expires when it is dropped unless approved
 * @param triesLeft how many wrong codes remain before the request is rejected by itself
 */
public record RegistrationRequest(String peerId, String name, URI publicUrl, String certificateFingerprint,
        Instant received, Instant expires, int triesLeft) {
}
