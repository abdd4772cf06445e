package io.peeros.vpn.api;

import java.util.EnumMap;
import java.util.Map;

/**
 * Traffic counters. Bytes count the decrypted Ethernet frames, not the UDP overhead.
 *
 * @param rxBytes frame bytes received and delivered
 * @param txBytes frame bytes sent
 * @param rxPackets frames received and delivered
 * @param txPackets frames sent
 * @param handshakes handshakes completed
 * @param drops datagrams dropped, by cause; causes never seen are absent
 */
public record VpnStats(long rxBytes, long txBytes, long rxPackets, long txPackets, long handshakes,
        Map<DropCause, Long> drops) {

    /** No traffic at all. */
    public static final VpnStats EMPTY = new VpnStats(0, 0, 0, 0, 0, Map.of());

    public VpnStats {
        drops = drops.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(drops));
    }

    /** The datagrams dropped for {@code cause}. */
    public long dropped(DropCause cause) {
        return drops.getOrDefault(cause, 0L);
    }

    /** All datagrams dropped, whatever the cause. */
    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }
}
