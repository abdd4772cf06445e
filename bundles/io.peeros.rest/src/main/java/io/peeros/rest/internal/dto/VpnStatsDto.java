package io.peeros.rest.internal.dto;

import java.util.Map;

/**
 * Traffic counters; see {@link io.peeros.vpn.api.VpnStats}. Bytes count the decrypted Ethernet frames.
 *
 * @param dropped all datagrams dropped, whatever the cause
 * @param drops datagrams dropped by cause ({@code malformed}, {@code not_member}, {@code bad_identity},
 *        {@code bad_mac}, {@code replay}, {@code stale_key}, {@code unexpected}, {@code rate_limited}); causes
 *        never seen are absent
 */
public record VpnStatsDto(long rxBytes, long txBytes, long rxPackets, long txPackets, long handshakes,
        long dropped, Map<String, Long> drops) {
}
