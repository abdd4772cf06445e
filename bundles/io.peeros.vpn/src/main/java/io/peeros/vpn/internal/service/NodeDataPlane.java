package io.peeros.vpn.internal.service;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.VpnException;
import io.peeros.vpn.internal.node.NodeSettings;
import io.peeros.vpn.internal.node.VpnNode;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data plane as the VPN node provides it. */
final class NodeDataPlane implements DataPlane {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDataPlane.class);

    private final VpnNode node;
    private final NodeSettings settings;

    private NodeDataPlane(VpnNode node, NodeSettings settings) {
        this.node = node;
        this.settings = settings;
    }

    /**
     * A node from a predecessor's handover state when {@code handedOver} is not null (it then forwards only after
     * {@link #start()}), else a new one. An unusable handover state is logged and a new node opened.
     */
    static NodeDataPlane open(VpnSettings vpn, PeerIdentity identity, Map<String, Object> handedOver) {
        NodeSettings d = NodeSettings.defaults();
        NodeSettings settings = new NodeSettings(vpn.bind(), vpn.underlayMtu(), vpn.crypto(), d.keepalive(),
                d.pathTimeout(), d.endpointsInterval(), d.punchTtl(), d.macAge(), d.socketBuffer());
        if (handedOver != null) {
            try {
                return new NodeDataPlane(VpnNode.adopt(settings, identity, Clock.systemUTC(), new SecureRandom(),
                        handedOver), settings);
            } catch (VpnException e) {
                LOG.warn("{}: opening a new data plane (swarms handshake again)", e.getMessage());
            }
        }
        return new NodeDataPlane(VpnNode.open(settings, identity, Clock.systemUTC(), new SecureRandom()), settings);
    }

    @Override
    public void start() {
        node.start();
    }

    @Override
    public boolean canHandOver() {
        return true;
    }

    @Override
    public Map<String, Object> handover() {
        return node.handover();
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
