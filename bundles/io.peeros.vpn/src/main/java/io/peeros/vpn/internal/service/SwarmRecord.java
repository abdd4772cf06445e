package io.peeros.vpn.internal.service;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What this peer recorded of a joined swarm, so it joins it again after a restart. */
record SwarmRecord(String id, Set<String> members, Optional<Ipv4Cidr> subnet) {

    SwarmRecord {
        members = Set.copyOf(new TreeSet<>(members));
    }

    SwarmRecord withMembers(Set<String> newMembers) {
        return new SwarmRecord(id, newMembers, subnet);
    }
}
