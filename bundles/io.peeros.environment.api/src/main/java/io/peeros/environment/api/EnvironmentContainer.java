package io.peeros.environment.api;

import java.util.Objects;

/**
 * One container of an environment.
 *
 * @param name the container's name on its peer (unique on that peer)
 * @param hostname the name the other containers of the environment reach it by
 * @param group the blueprint group it belongs to
 * @param peerId the peer that hosts it
 * @param address its IPv4 address in the environment's subnet, with the prefix ({@code 10.200.7.5/24})
 * @param template the template it was made from
 */
public record EnvironmentContainer(String name, String hostname, String group, String peerId, String address,
        String template) {

    public EnvironmentContainer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(template, "template");
    }
}
