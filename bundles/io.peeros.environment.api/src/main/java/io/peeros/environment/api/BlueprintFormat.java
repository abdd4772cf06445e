package io.peeros.environment.api;

/** The format a blueprint was written in. */
public enum BlueprintFormat {
    /** PeerOS's own format, written in YAML. */
    YAML,
    /** PeerOS's own format, written in JSON. */
    JSON,
    /** Subutai Bazaar's {@code Subutai.json}, mapped to the PeerOS model. */
    SUBUTAI
}
