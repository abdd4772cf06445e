package io.peeros.upgrade.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What was healthy before an upgrade, to compare with after it: the PeerOS DS components that were active or
 * satisfied, the PeerOS shell commands, the swarms up, the running containers with their PIDs, and whether the
 * shell and REST answered.
 */
record HealthBaseline(Set<String> components, Set<String> commands, Set<String> swarms,
        Map<String, Integer> containerPids, boolean shellAnswered, boolean restAnswered) {

    HealthBaseline {
        components = new TreeSet<>(components);
        commands = new TreeSet<>(commands);
        swarms = new TreeSet<>(swarms);
        containerPids = new TreeMap<>(containerPids);
    }
}
