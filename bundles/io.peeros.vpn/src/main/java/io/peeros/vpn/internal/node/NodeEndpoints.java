package io.peeros.vpn.internal.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the node's peers and the node itself can be reached: the endpoint hints of each peer (from the peer
 * registry or configuration), the reflexive addresses other members saw this node at, and this namespace's own
 * addresses. Together they make the candidates the node announces in ENDPOINTS ({@code docs/vpn-control.md}).
 */
final class NodeEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEndpoints.class);
    private static final int REFLEXIVE_KEPT = 4;

    private final Map<String, List<Endpoint>> hints = new ConcurrentHashMap<>();
    private final List<Endpoint> reflexive = new ArrayList<>();
    private volatile List<Endpoint> local = List.of();

    /** Replaces the hints of a peer with its IPv4 candidates (at most {@link Control#MAX_CANDIDATES}). */
    void setHints(String peerId, List<InetSocketAddress> candidates) {
        List<Endpoint> list = new ArrayList<>();
        for (InetSocketAddress a : candidates) {
            if (a.getAddress() instanceof Inet4Address && list.size() < Control.MAX_CANDIDATES) {
                list.add(Endpoint.of(a));
            }
        }
        if (list.isEmpty()) {
            hints.remove(peerId);
        } else {
            hints.put(peerId, List.copyOf(list));
        }
    }

    List<Endpoint> hints(String peerId) {
        return hints.getOrDefault(peerId, List.of());
    }

    /** Every peer's hints (live view), for a handover snapshot. */
    Map<String, List<Endpoint>> allHints() {
        return hints;
    }

    /** Takes over a predecessor's hints and reflexive addresses. */
    void restore(Map<String, List<Endpoint>> handedHints, List<Endpoint> handedReflexive) {
        hints.putAll(handedHints);
        synchronized (reflexive) {
            reflexive.addAll(handedReflexive);
        }
    }

    /** Another member saw us at {@code e}: our reflexive address (kept: the 4 most recent). */
    void observed(Endpoint e) {
        synchronized (reflexive) {
            if (!reflexive.isEmpty() && reflexive.get(0).equals(e)) {
                return;
            }
            reflexive.remove(e);
            reflexive.add(0, e);
            while (reflexive.size() > REFLEXIVE_KEPT) {
                reflexive.remove(reflexive.size() - 1);
            }
        }
    }

    List<Endpoint> reflexive() {
        synchronized (reflexive) {
            return List.copyOf(reflexive);
        }
    }

    /** What the node announces in ENDPOINTS: reflexive addresses first, then local ones; at most 8. */
    List<Endpoint> candidates() {
        List<Endpoint> out = new ArrayList<>();
        synchronized (reflexive) {
            out.addAll(reflexive);
        }
        for (Endpoint e : local) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out.size() > Control.MAX_CANDIDATES ? out.subList(0, Control.MAX_CANDIDATES) : out;
    }

    /**
     * This namespace's IPv4 addresses with the node's {@code port}, except loopback and the swarms' own TAPs
     * ({@code ownTaps}); only {@code bound} when the node is bound to one address.
     */
    void refreshLocal(InetAddress bound, int port, List<String> ownTaps) {
        List<Endpoint> out = new ArrayList<>();
        if (!bound.isAnyLocalAddress()) {
            out.add(Endpoint.of(new InetSocketAddress(bound, port)));
        } else {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (!nic.isUp() || nic.isLoopback() || ownTaps.contains(nic.getName())) {
                        continue;
                    }
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        if (a instanceof Inet4Address && out.size() < Control.MAX_CANDIDATES) {
                            out.add(Endpoint.of(new InetSocketAddress(a, port)));
                        }
                    }
                }
            } catch (SocketException e) {
                LOG.debug("cannot list interfaces", e);
            }
        }
        local = List.copyOf(out);
    }
}
