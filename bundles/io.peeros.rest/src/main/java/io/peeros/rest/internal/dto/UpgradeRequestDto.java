package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /upgrades} as JSON: an upgrade from an archive this peer keeps ({@code version}) or that a
 * registered peer serves ({@code fromPeer}, and optionally {@code version}: the newest when absent). A class
 * rather than a record because every field is optional, and the API's JSON binding refuses a record whose fields
 * are missing.
 */
public final class UpgradeRequestDto {

    /** The version to install. */
    @JsonProperty
    private String version;

    /** The full id of the peer to download from; absent for a version this peer keeps. */
    @JsonProperty
    private String fromPeer;

    /** Verify and simulate only. */
    @JsonProperty
    private boolean dryRun;

    public UpgradeRequestDto() {
    }

    public UpgradeRequestDto(String version, String fromPeer, boolean dryRun) {
        this.version = version;
        this.fromPeer = fromPeer;
        this.dryRun = dryRun;
    }

    public String version() {
        return version;
    }

    public String fromPeer() {
        return fromPeer;
    }

    public boolean dryRun() {
        return dryRun;
    }
}
