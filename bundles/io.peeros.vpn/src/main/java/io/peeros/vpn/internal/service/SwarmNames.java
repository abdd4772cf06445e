package io.peeros.vpn.internal.service;

import io.peeros.vpn.api.VpnException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Swarm ids and the names of the interfaces a swarm gets. Interface names derive from a hash of the id, so they
 * fit Linux's 15 characters whatever the id and are the same after a restart: {@code pv-<8 hex>} for the TAP,
 * {@code pe-<8 hex>} for the bridge.
 */
final class SwarmNames {

    static final String TAP_PREFIX = "pv-";
    static final String BRIDGE_PREFIX = "pe-";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SwarmNames() {
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new VpnException("SWARM_INVALID", "swarm id '" + id + "' is not 1 to 64 letters, digits, '.', '_' "
                    + "or '-' starting with a letter or digit");
        }
        return id;
    }

    static String tap(String swarmId) {
        return TAP_PREFIX + hash(swarmId);
    }

    static String bridge(String swarmId) {
        return BRIDGE_PREFIX + hash(swarmId);
    }

    private static String hash(String swarmId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(swarmId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
