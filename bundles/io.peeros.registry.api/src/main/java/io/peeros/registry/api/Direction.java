package io.peeros.registry.api;

/** Which side asked for a registration. */
public enum Direction {
    /** This peer ran {@code peer:register}: it shows the code and waits for the remote owner. */
    OUTGOING,
    /** The remote peer asked: this peer's owner approves with the code or rejects. */
    INCOMING
}
