package io.peeros.environment.api.peer;

import java.util.List;
import java.util.Map;

/**
 * What every container of an environment must know.
 *
 * @param hosts hostname to IPv4 address (no prefix) for every container of the environment, on every peer
 * @param sshKeys public keys ({@code authorized_keys} lines) for root in every container
 */
public record ConfigureRequest(Map<String, String> hosts, List<String> sshKeys) {

    public ConfigureRequest {
        hosts = Map.copyOf(hosts);
        sshKeys = List.copyOf(sshKeys);
    }
}
