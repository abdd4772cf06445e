package io.peeros.vpn.internal.crypto;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a handover snapshot: nested {@code Map<String, Object>} of JDK types only (Integer, Long,
 * Boolean, String, byte[], long[], List, Map), because the instance that reads it may live in another class
 * loader than the one that wrote it. See {@code docs/vpn-dataplane.md}, "Live handover".
 */
public final class StateMap {

    private StateMap() {
    }

    public static long longOf(Map<String, Object> m, String key) {
        return ((Number) require(m, key)).longValue();
    }

    public static int intOf(Map<String, Object> m, String key) {
        return ((Number) require(m, key)).intValue();
    }

    public static boolean boolOf(Map<String, Object> m, String key) {
        return (Boolean) require(m, key);
    }

    public static String stringOf(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }

    public static byte[] bytesOf(Map<String, Object> m, String key) {
        return (byte[]) m.get(key);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> mapsOf(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    /** Zeroes every byte array (and long array) in {@code value}, recursively: secrets leave no copy behind. */
    public static void wipe(Object value) {
        if (value instanceof byte[] b) {
            Arrays.fill(b, (byte) 0);
        } else if (value instanceof long[] l) {
            Arrays.fill(l, 0);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(StateMap::wipe);
        } else if (value instanceof List<?> l) {
            l.forEach(StateMap::wipe);
        }
    }

    private static Object require(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("handover state lacks '" + key + "'");
        }
        return v;
    }
}
