package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * {@code PUT /swarms/{id}/members}: the peer ids admitted to the swarm from now on; this peer's own id may be
 * among them.
 */
public record MembersDto(List<String> members) {
}
