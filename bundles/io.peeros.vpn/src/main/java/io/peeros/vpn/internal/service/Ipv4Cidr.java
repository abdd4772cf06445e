package io.peeros.vpn.internal.service;

import io.peeros.vpn.api.VpnException;

/**
 * An IPv4 subnet in CIDR form, parsed strictly: four decimal octets without leading zeros, a prefix of 8 to 30
 * and no host bits set ({@code 10.200.7.0/24}, not {@code 10.200.7.1/24}).
 */
record Ipv4Cidr(int network, int prefix) {

    static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw invalid(text, "it has no '/prefix'");
        }
        int address = parseAddress(text.substring(0, slash), text);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw invalid(text, "the prefix is not a number");
        }
        if (prefix < 8 || prefix > 30) {
            throw invalid(text, "the prefix must be 8 to 30");
        }
        int mask = mask(prefix);
        if ((address & ~mask) != 0) {
            throw invalid(text, "host bits are set; the network is " + format(address & mask) + "/" + prefix);
        }
        return new Ipv4Cidr(address, prefix);
    }

    /** Parses a dotted-quad address; {@code context} names the whole value in the error. */
    static int parseAddress(String dotted, String context) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(context, "'" + dotted + "' is not a dotted-quad IPv4 address");
        }
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw invalid(context, "'" + p + "' is not an octet");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw invalid(context, "octet " + octet + " is above 255");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    boolean overlaps(Ipv4Cidr other) {
        int common = mask(Math.min(prefix, other.prefix));
        return (network & common) == (other.network & common);
    }

    static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }

    private static VpnException invalid(String text, String why) {
        return new VpnException("SUBNET_INVALID", "subnet '" + text + "' is not an IPv4 CIDR such as 10.200.7.0/24: "
                + why);
    }
}
