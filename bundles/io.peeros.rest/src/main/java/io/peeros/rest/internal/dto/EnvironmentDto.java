package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * An environment this peer built.
 *
 * @param id its id (also its swarm's)
 * @param name its blueprint's name
 * @param state {@code building}, {@code healthy}, {@code failed}, {@code rolling_back}, {@code cancelled},
 *        {@code destroying} or {@code destroyed}
 * @param initiatorPeerId the peer that built it
 * @param subnet its IPv4 subnet
 * @param containers its containers, by group then hostname
 * @param peers the peers that host its containers
 * @param failure why it failed, or null
 * @param created when its build started (ISO-8601)
 * @param updated when its state last changed (ISO-8601)
 */
public record EnvironmentDto(String id, String name, String state, String initiatorPeerId, String subnet,
        List<EnvironmentContainerDto> containers, List<String> peers, String failure, String created,
        String updated) {
}
