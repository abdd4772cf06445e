package io.peeros.vpn.internal.service;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.internal.node.NodeSettings;
import io.peeros.vpn.internal.node.VpnNode;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data plane as the VPN node provides it. */
final class NodeDataPlane implements DataPlane {

    private final VpnNode node;
    private final NodeSettings settings;

    private NodeDataPlane(VpnNode node, NodeSettings settings) {
        this.node = node;
        this.settings = settings;
    }

    static NodeDataPlane open(VpnSettings vpn, PeerIdentity identity) {
        NodeSettings d = NodeSettings.defaults();
        NodeSettings settings = new NodeSettings(vpn.bind(), vpn.underlayMtu(), vpn.crypto(), d.keepalive(),
                d.pathTimeout(), d.endpointsInterval(), d.punchTtl(), d.macAge(), d.socketBuffer());
        return new NodeDataPlane(VpnNode.open(settings, identity, Clock.systemUTC(), new SecureRandom()), settings);
    }

    @Override
    public Swarm join(String swarmId, String tapName, Map<String, X509Certificate> members) {
        return node.join(swarmId, tapName, members);
    }

    @Override
    public void setMembers(String swarmId, Map<String, X509Certificate> members) {
        node.setMembers(swarmId, members);
    }

    @Override
    public void setEndpointHints(String peerId, List<InetSocketAddress> candidates) {
        node.setEndpointHints(peerId, candidates);
    }

    @Override
    public boolean leave(String swarmId) {
        return node.leave(swarmId);
    }

    @Override
    public Optional<Swarm> swarm(String swarmId) {
        return node.swarm(swarmId);
    }

    @Override
    public int tapMtu() {
        return settings.tapMtu();
    }

    @Override
    public InetSocketAddress localAddress() {
        return node.localAddress();
    }

    @Override
    public void close() {
        node.close();
    }
}
