package io.peeros.vpn.internal.service;

import io.peeros.vpn.internal.crypto.CipherSuite;
import io.peeros.vpn.internal.crypto.CryptoConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The checked form of {@link VpnConfig}. A bad value is refused at activation with a message naming the PID,
 * the attribute and what is allowed.
 */
record VpnSettings(InetSocketAddress bind, int peerPort, int underlayMtu, CryptoConfig crypto, int refreshSeconds,
        Path stateDirectory, int handoverSeconds) {

    static VpnSettings from(VpnConfig c) {
        InetAddress address;
        try {
            address = InetAddress.getByName(literal(c.bindAddress()));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw bad("bindAddress", c.bindAddress(), "an IPv4 or IPv6 address literal");
        }
        check("port", c.port(), 1, 65535);
        check("peerPort", c.peerPort(), 1, 65535);
        check("underlayMtu", c.underlayMtu(), 1280, 9000);
        check("rekeySeconds", c.rekeySeconds(), 10, 86_400);
        check("refreshSeconds", c.refreshSeconds(), 1, 3600);
        check("handoverSeconds", c.handoverSeconds(), 0, 600);
        CipherSuite suite;
        try {
            suite = CipherSuite.valueOf(c.cipher().strip());
        } catch (IllegalArgumentException e) {
            throw bad("cipher", c.cipher(), "one of " + Arrays.toString(CipherSuite.values()));
        }
        CryptoConfig d = CryptoConfig.defaults(suite);
        Duration rekey = Duration.ofSeconds(c.rekeySeconds());
        CryptoConfig crypto = new CryptoConfig(suite, rekey, rekey.plus(rekey.dividedBy(2)), d.rekeyAfterBytes(),
                d.rejectAfterBytes(), d.rekeyAfterMessages(), d.rejectAfterMessages(), d.maxAuthFailures(),
                d.rekeyTimeout(), d.rekeyAttemptTime(), d.keepaliveTimeout(), d.staticKeyLifetime(),
                d.handshakesPerSecond(), d.maxPendingHandshakes());
        String dir = c.stateDirectory().strip();
        Path state;
        if (!dir.isEmpty()) {
            state = Path.of(dir);
        } else {
            String data = System.getProperty("karaf.data");
            if (data == null) {
                throw bad("stateDirectory", "", "a directory (karaf.data is not set, so there is no default)");
            }
            state = Path.of(data, "peeros", "vpn");
        }
        return new VpnSettings(new InetSocketAddress(address, c.port()), c.peerPort(), c.underlayMtu(), crypto,
                c.refreshSeconds(), state, c.handoverSeconds());
    }

    private static String literal(String s) {
        String t = s.strip();
        if (t.isEmpty() || !t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
            throw new IllegalArgumentException(s);
        }
        return t;
    }

    private static void check(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw bad(attribute, Integer.toString(value), min + " to " + max);
        }
    }

    private static IllegalArgumentException bad(String attribute, String value, String allowed) {
        return new IllegalArgumentException(VpnConfig.PID + " " + attribute + " '" + value + "' is invalid: expected "
                + allowed);
    }
}
