package io.peeros.registry.api;

/** Where a remote peer stands with this one. */
public enum PeerState {
    /** A registration was asked for (by either side) and awaits the approver's code. */
    REQUESTED,
    /** Both sides trust each other's certificate and talk over mutual TLS; the last heartbeat answered. */
    APPROVED,
    /** The approver refused the request. No trust was created. */
    REJECTED,
    /** Either side ended the registration; trust was removed on both sides. */
    UNREGISTERED,
    /** Approved, but heartbeats fail. Returns to {@link #APPROVED} when one answers again. */
    OFFLINE
}
