package io.peeros.vpn.api;

/** How traffic reaches a member. */
public enum PathKind {
    /** Straight to the member's endpoint (possibly through a punched NAT). */
    DIRECT,
    /** Through another member that forwards the (still end-to-end encrypted) datagrams. */
    RELAYED,
    /** No working path yet. */
    NONE
}
