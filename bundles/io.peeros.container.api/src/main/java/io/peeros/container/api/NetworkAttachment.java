package io.peeros.container.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container's interface on a layer-2 network other than the peer's own: typically the bridge an environment
 * (a swarm) has on this peer, which also holds the environment's VPN TAP. The container gets a veth whose host
 * end is a port of {@code bridge} and whose container end carries {@code address}. Immutable; the canonical
 * constructor checks every component and throws {@link ContainerException#INVALID_REQUEST} naming what is
 * wrong. Start with {@link #of(String, String)} and refine with the {@code with…} methods.
 *
 * @param bridge the host bridge to plug into, a Linux interface name: 1 to 15 letters, digits, '_', '.' or
 *        '-', starting with a letter or digit
 * @param address the container's IPv4 address with the prefix length of its network, e.g. {@code 10.20.1.5/24};
 *        prefix 8 to 30, neither the network nor the broadcast address of that network. No gateway is set: the
 *        container's default route stays on the peer's network
 * @param mtu the MTU of both ends of the veth, 576 to 9000 (an environment bridge carried by the VPN needs
 *        the VPN's MTU, smaller than 1500)
 * @param mac the container end's MAC, {@code xx:xx:xx:xx:xx:xx} (lower-cased here), a unicast address; or
 *        {@code null} for {@link #defaultMac(String)} of the address
 */
public record NetworkAttachment(String bridge, String address, int mtu, String mac) {

    /** The MTU of {@link #of(String, String)}. */
    public static final int DEFAULT_MTU = 1500;
    /** The smallest MTU accepted, the least IPv4 allows every host to take. */
    public static final int MIN_MTU = 576;
    /** The largest MTU accepted (jumbo frames). */
    public static final int MAX_MTU = 9000;

    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public NetworkAttachment {
        if (bridge == null || !INTERFACE.matcher(bridge).matches()) {
            throw invalid("bridge " + quoted(bridge) + " is not an interface name: 1 to 15 letters, digits, '_', "
                    + "'.' or '-', starting with a letter or digit");
        }
        address = canonical(address);
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw invalid("MTU " + mtu + " of the attachment to " + bridge + " is outside " + MIN_MTU + " to "
                    + MAX_MTU);
        }
        if (mac != null) {
            String m = mac.strip().toLowerCase(Locale.ROOT);
            if (!MAC.matcher(m).matches()) {
                throw invalid("MAC " + quoted(mac) + " is not six hex bytes separated by ':'");
            }
            if ((Integer.parseInt(m.substring(0, 2), 16) & 1) != 0 || m.equals("00:00:00:00:00:00")) {
                throw invalid("MAC " + m + " is a multicast or null address; an interface needs a unicast one");
            }
            mac = m;
        }
    }

    /** An attachment to {@code bridge} with {@code address} (CIDR), the default MTU and MAC. */
    public static NetworkAttachment of(String bridge, String address) {
        return new NetworkAttachment(bridge, address, DEFAULT_MTU, null);
    }

    /** This attachment with {@code mtu}. */
    public NetworkAttachment withMtu(int mtu) {
        return new NetworkAttachment(bridge, address, mtu, mac);
    }

    /** This attachment with the container end's MAC set to {@code mac}, or the default for {@code null}. */
    public NetworkAttachment withMac(String mac) {
        return new NetworkAttachment(bridge, address, mtu, mac);
    }

    /** The MAC the container end gets: {@link #mac()} if given, else {@link #defaultMac(String)} of the address. */
    public String effectiveMac() {
        return mac != null ? mac : defaultMac(address);
    }

    /** The address without its prefix length, e.g. {@code 10.20.1.5}. */
    public String ip() {
        return address.substring(0, address.indexOf('/'));
    }

    /** The prefix length of the address's network, e.g. 24. */
    public int prefix() {
        return Integer.parseInt(address.substring(address.indexOf('/') + 1));
    }

    /** The broadcast address of the address's network, e.g. {@code 10.20.1.255}. */
    public String broadcast() {
        int host = (int) ((1L << (32 - prefix())) - 1);
        return dotted(toInt(ip()) | host);
    }

    /**
     * The MAC an attachment gets when none is given: locally administered and unicast, {@code 0a:5e} followed
     * by the four bytes of the IPv4 address ({@code 10.20.1.5} gives {@code 0a:5e:0a:14:01:05}). Unique on an
     * environment's layer-2 network as long as the addresses are, on every peer, and the same again when an
     * address is reused, so no neighbour keeps a stale ARP entry. (The peer's own network uses {@code 0a:50}.)
     *
     * @param address an IPv4 address, with or without a prefix length
     */
    public static String defaultMac(String address) {
        String ip = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        int a = toInt(ip);
        return String.format("0a:5e:%02x:%02x:%02x:%02x", a >>> 24, a >>> 16 & 0xff, a >>> 8 & 0xff, a & 0xff);
    }

    /** {@code address} checked and written canonically ({@code a.b.c.d/p}, no leading zeros). */
    private static String canonical(String address) {
        if (address == null) {
            throw invalid("the address is missing: give an IPv4 address with a prefix length, e.g. 10.20.1.5/24");
        }
        String a = address.strip();
        int slash = a.indexOf('/');
        int prefix;
        int ip;
        try {
            if (slash < 0) {
                throw new IllegalArgumentException("no prefix length");
            }
            ip = toInt(a.substring(0, slash));
            String p = a.substring(slash + 1);
            if (!p.matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException("bad prefix length");
            }
            prefix = Integer.parseInt(p);
        } catch (IllegalArgumentException e) {
            throw invalid("address " + quoted(address) + " is not an IPv4 address with a prefix length (CIDR), "
                    + "e.g. 10.20.1.5/24");
        }
        if (prefix < 8 || prefix > 30) {
            throw invalid("address " + a + " has prefix /" + prefix + "; it must be 8 to 30");
        }
        int host = (int) ((1L << (32 - prefix)) - 1);
        if ((ip & host) == 0 || (ip & host) == host) {
            throw invalid("address " + a + " is the network or broadcast address of its /" + prefix
                    + "; give a host address");
        }
        return dotted(ip) + "/" + prefix;
    }

    private static int toInt(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not four octets");
        }
        int value = 0;
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("bad octet");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("octet over 255");
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }

    private static String quoted(String s) {
        return s == null ? "null" : '"' + s.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    private static ContainerException invalid(String message) {
        return new ContainerException(ContainerException.INVALID_REQUEST, message);
    }

    @Override
    public String toString() {
        return address + " on " + bridge + " mtu " + mtu + (mac == null ? "" : " mac " + mac);
    }
}
