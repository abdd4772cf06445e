package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.peer.Capacity;

/**
 * A peer the planner may use: this one or an approved peer, with what it reported, or why it could not be asked.
 *
 * @param capacity what it can take, {@code null} when it could not be asked
 * @param unavailable why it could not be asked, {@code null} when it answered
 */
record Candidate(String peerId, String name, Capacity capacity, String unavailable) {

    String label() {
        return name + " (" + peerId.substring(0, Math.min(8, peerId.length())) + ")";
    }
}
