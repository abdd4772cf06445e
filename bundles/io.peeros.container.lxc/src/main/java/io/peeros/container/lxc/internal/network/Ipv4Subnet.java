package io.peeros.container.lxc.internal.network;

/**
 * An IPv4 subnet in CIDR notation. Addresses are unsigned 32-bit values held in an {@code int}. The first
 * host address is the gateway (the bridge); containers get the addresses after it, up to the last one
 * before the broadcast address.
 *
 * @param network the network address, host bits zero
 * @param prefix the prefix length, 8 to 30
 */
public record Ipv4Subnet(int network, int prefix) {

    public Ipv4Subnet {
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix length must be 8 to 30, not " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(format(network) + "/" + prefix + " has host bits set; the network is "
                    + format(network & mask(prefix)) + "/" + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n}, refusing host bits and prefixes outside 8 to 30. */
    public static Ipv4Subnet parse(String cidr) {
        String t = cidr == null ? "" : cidr.strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("subnet must be CIDR a.b.c.d/n, not '" + cidr + "'");
        }
        try {
            return new Ipv4Subnet(parseAddress(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("subnet must be CIDR a.b.c.d/n, not '" + cidr + "'");
        }
    }

    public int gateway() {
        return network + 1;
    }

    public int broadcast() {
        return network | ~mask(prefix);
    }

    /** The first address given to a container: the one after the gateway. */
    public int firstHost() {
        return network + 2;
    }

    public int lastHost() {
        return broadcast() - 1;
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    /** Whether the two subnets share an address: one contains the other. */
    public boolean overlaps(int otherNetwork, int otherPrefix) {
        int shorter = Math.min(prefix, otherPrefix);
        return ((network ^ otherNetwork) & mask(shorter)) == 0;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Dotted quad to address; refuses anything but four decimal octets. */
    public static int parseAddress(String dotted) {
        String[] p = dotted.strip().split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
        }
        int a = 0;
        for (String octet : p) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dotted + "'");
            }
            a = a << 8 | Integer.parseInt(octet);
        }
        return a;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
