package io.peeros.shell.internal.vpn;

import io.peeros.registry.api.PeerInfo;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what a user typed for a swarm member into a peer id: a full id, a unique prefix of 8 or more
 * characters, or a peer name, among the peers the registry knows and this one. Without a registry the
 * argument is taken as an id and the swarm service judges it.
 */
final class MemberResolver {

    /** The code of an argument that names no known peer. */
    static final String UNKNOWN = "MEMBER_UNKNOWN";
    /** The code of an argument that names several peers. */
    static final String AMBIGUOUS = "MEMBER_AMBIGUOUS";

    private static final int MIN_PREFIX = 8;

    /** Peer id → name, this peer first. */
    private final Map<String, String> peers = new LinkedHashMap<>();
    private final boolean known;

    MemberResolver(PeerRegistry registry) {
        known = registry != null;
        if (known) {
            PeerInfo local = registry.localInfo();
            peers.put(local.id(), local.name());
            for (RemotePeer peer : registry.peers()) {
                peers.putIfAbsent(peer.id(), peer.name());
            }
        }
    }

    String resolve(String argument) {
        String typed = argument.strip();
        if (!known || peers.containsKey(typed)) {
            return typed;
        }
        List<String> matches = peers.entrySet().stream()
                .filter(p -> p.getValue().equals(typed) || typed.length() >= MIN_PREFIX && p.getKey().startsWith(typed))
                .map(Map.Entry::getKey).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new CommandFailure("member '" + typed + "' is no known peer: give a peer id, a unique prefix of "
                    + MIN_PREFIX + " or more characters, or a peer name (see peer:list)", UNKNOWN);
        }
        throw new CommandFailure("member '" + typed + "' matches several peers: " + matches.stream()
                .map(id -> Format.shortId(id) + " (" + peers.get(id) + ")").collect(Collectors.joining(", "))
                + "; give more of the id", AMBIGUOUS);
    }
}
