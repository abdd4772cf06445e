package io.peeros.upgrade.internal;

import java.util.Map;
import java.util.Set;

/**
 * What is installed now, as an upgrade compares it with an archive.
 *
 * @param version the installed PeerOS version (of the {@code peeros} feature)
 * @param features the installed PeerOS features ({@code peeros}, {@code peeros-*}) with their versions
 * @param repositories the URIs of the repositories that provide them
 * @param bundles the PeerOS bundles' locations by symbolic name
 */
record PeerState(String version, Map<String, String> features, Set<String> repositories,
        Map<String, String> bundles) {
}
