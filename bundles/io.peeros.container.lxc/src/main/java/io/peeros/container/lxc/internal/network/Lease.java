package io.peeros.container.lxc.internal.network;

import java.util.Objects;

/**
 * An address of the peer's subnet leased to a container, from its creation (or clone) to its destruction.
 *
 * @param container the container name
 * @param address the IPv4 address
 * @param lxcPath the LXC path of the container, so that a manager forgets only leases of its own containers
 */
public record Lease(String container, int address, String lxcPath) {

    public Lease {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(lxcPath, "lxcPath");
    }

    /**
     * The container's MAC address: locally administered ({@code 0a:50}) followed by the four bytes of its
     * address, like Docker's {@code 02:42}. It is stable for the lease, unique on the bridge, and the same for
     * a reused address, so the neighbours' ARP caches never hold a stale one.
     */
    public String hwaddr() {
        return hwaddr(address);
    }

    /** The MAC that goes with {@code address}; the bridge's own MAC is the one of the gateway address. */
    static String hwaddr(int address) {
        return String.format("0a:50:%02x:%02x:%02x:%02x", address >>> 24, address >>> 16 & 0xff,
                address >>> 8 & 0xff, address & 0xff);
    }

    public String dotted() {
        return Ipv4Subnet.format(address);
    }
}
