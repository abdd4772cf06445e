package io.peeros.vpn.internal.node;

import io.peeros.vpn.internal.crypto.StateMap;
import io.peeros.vpn.internal.tap.TapDevice;
import io.peeros.vpn.internal.tap.UdpSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part of a handover snapshot, format {@link VpnNode#HANDOVER_FORMAT}: JDK types only, since the
 * successor may live in another class loader. Keys: {@code format}, {@code bind}, {@code socketFd},
 * {@code swarms} (each {@code id}, {@code tapFd}, {@code tapName}, {@code vnetHdr}, {@code crypto} from
 * {@code SwarmCrypto.export()}, {@code members} from {@link SwarmPlane#exportMembers()}), {@code hints} (each
 * {@code peerId}, {@code endpoints}) and {@code reflexive}; endpoints as {@code ip:port} strings.
 */
final class HandoverState {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverState.class);

    private HandoverState() {
    }

    /** The snapshot of a node whose threads have all ended. */
    static Map<String, Object> encode(NodeSettings settings, UdpSocket socket, SwarmPlane[] planes,
            Map<String, List<Endpoint>> hints, List<Endpoint> reflexive) {
        Map<String, Object> state = new HashMap<>();
        state.put("format", VpnNode.HANDOVER_FORMAT);
        state.put("bind", settings.bind().toString());
        state.put("socketFd", socket.fd());
        List<Map<String, Object>> swarms = new ArrayList<>();
        for (SwarmPlane p : planes) {
            Map<String, Object> sw = new HashMap<>();
            sw.put("id", p.id);
            sw.put("tapFd", p.tap.fd());
            sw.put("tapName", p.tap.name());
            sw.put("vnetHdr", p.tap.vnetHdr());
            sw.put("crypto", p.crypto.export());
            sw.put("members", p.exportMembers());
            swarms.add(sw);
        }
        state.put("swarms", swarms);
        List<Map<String, Object>> hintList = new ArrayList<>();
        for (Map.Entry<String, List<Endpoint>> h : hints.entrySet()) {
            Map<String, Object> e = new HashMap<>();
            e.put("peerId", h.getKey());
            e.put("endpoints", strings(h.getValue()));
            hintList.add(e);
        }
        state.put("hints", hintList);
        state.put("reflexive", strings(reflexive));
        return state;
    }

    static Map<String, List<Endpoint>> hints(Map<String, Object> state) {
        Map<String, List<Endpoint>> out = new HashMap<>();
        for (Map<String, Object> h : StateMap.mapsOf(state, "hints")) {
            out.put(StateMap.stringOf(h, "peerId"), endpoints(h.get("endpoints")));
        }
        return out;
    }

    static List<Endpoint> reflexive(Map<String, Object> state) {
        return endpoints(state.get("reflexive"));
    }

    /** Closes the descriptors of a snapshot that cannot be adopted: they must not leak. */
    static void closeDescriptors(Map<String, Object> state) {
        try {
            UdpSocket.adopt(StateMap.intOf(state, "socketFd")).close();
            for (Map<String, Object> sw : StateMap.mapsOf(state, "swarms")) {
                TapDevice.adopt(StateMap.intOf(sw, "tapFd"), StateMap.stringOf(sw, "tapName"), true).close();
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot close the descriptors of a refused handover: {}", e.getMessage());
        }
    }

    private static List<String> strings(List<Endpoint> endpoints) {
        List<String> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            out.add(e.toString());
        }
        return out;
    }

    private static List<Endpoint> endpoints(Object strings) {
        List<Endpoint> out = new ArrayList<>();
        if (strings instanceof List<?> l) {
            for (Object e : l) {
                out.add(Endpoint.parse((String) e));
            }
        }
        return List.copyOf(out);
    }
}
