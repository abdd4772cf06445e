package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.crypto.CryptoConfig;
import io.peeros.vpn.internal.crypto.SwarmCrypto;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VpnNode} runs. The TAP MTU is derived, never configured: see {@link #tapMtu()} and
 * {@code docs/vpn-control.md} ("MTU").
 *
 * @param bind the UDP socket's address, shared by every swarm (default 0.0.0.0:7946)
 * @param underlayMtu the MTU of the underlay path (IPv4); datagrams never exceed it, relayed or not
 * @param crypto the swarm crypto limits and timers
 * @param keepalive interval of PING to every member with keys; also keeps NAT mappings open
 * @param pathTimeout a direct path without a round trip (PONG) for this long is dead: relay or NONE
 * @param endpointsInterval how often ENDPOINTS and INTRODUCE are sent to each member
 * @param punchTtl IP TTL of the hole-punching "opener" datagrams: high enough to leave our NAT, low enough
 *     to expire before the other side's NAT (a Linux NAT that receives an unexpected datagram first picks
 *     another port for its own outgoing mapping, which breaks the punch)
 * @param macAge how long a learned MAC address stays in the switch table
 * @param socketBuffer the UDP socket's send and receive buffer size in bytes
 */
public record NodeSettings(InetSocketAddress bind, int underlayMtu, CryptoConfig crypto, Duration keepalive,
        Duration pathTimeout, Duration endpointsInterval, int punchTtl, Duration macAge, int socketBuffer) {

    /** IPv4 + UDP headers. */
    public static final int UDP_IPV4_OVERHEAD = 28;
    /** Ethernet header of a frame on the TAP (no 802.1Q tag). */
    public static final int ETHERNET_HEADER = 14;
    /**
     * Worst case bytes a relayed frame adds: outer data packet to the relay, relay header, inner data packet to
     * the member, frame meta; plus IPv4/UDP and the Ethernet header.
     */
    public static final int RELAYED_OVERHEAD = UDP_IPV4_OVERHEAD + SwarmCrypto.DATA_OVERHEAD + Inner.RELAY_HEADER
            + SwarmCrypto.DATA_OVERHEAD + Inner.FRAME_META + ETHERNET_HEADER;

    public static NodeSettings defaults() {
        return new NodeSettings(new InetSocketAddress("0.0.0.0", 7946), 1500, CryptoConfig.defaults(),
                Duration.ofSeconds(2), Duration.ofMillis(6500), Duration.ofSeconds(5), 2, Duration.ofMinutes(5),
                4 << 20);
    }

    public NodeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(crypto, "crypto");
        if (underlayMtu - RELAYED_OVERHEAD < 576) {
            throw new IllegalArgumentException("underlay MTU " + underlayMtu + " leaves a TAP MTU below 576");
        }
        if (keepalive.toMillis() < 100 || pathTimeout.compareTo(keepalive.multipliedBy(2)) < 0 || punchTtl < 1
                || punchTtl > 255) {
            throw new IllegalArgumentException("inconsistent node timers or punch TTL");
        }
    }

    /** The TAP MTU: the largest IP packet whose frame still fits one underlay datagram when relayed. */
    public int tapMtu() {
        return underlayMtu - RELAYED_OVERHEAD;
    }

    /** The largest UDP payload this node sends. */
    public int maxDatagram() {
        return underlayMtu - UDP_IPV4_OVERHEAD;
    }

    public NodeSettings withBind(InetSocketAddress b) {
        return new NodeSettings(b, underlayMtu, crypto, keepalive, pathTimeout, endpointsInterval, punchTtl, macAge,
                socketBuffer);
    }

    public NodeSettings withCrypto(CryptoConfig c) {
        return new NodeSettings(bind, underlayMtu, c, keepalive, pathTimeout, endpointsInterval, punchTtl, macAge,
                socketBuffer);
    }

    public NodeSettings withTimers(Duration keepaliveEvery, Duration deadAfter, Duration endpointsEvery) {
        return new NodeSettings(bind, underlayMtu, crypto, keepaliveEvery, deadAfter, endpointsEvery, punchTtl, macAge,
                socketBuffer);
    }
}
