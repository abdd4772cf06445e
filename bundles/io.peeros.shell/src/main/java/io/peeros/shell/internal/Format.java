package io.peeros.shell.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** Human-readable sizes, times, ids and fingerprints for command output. */
public final class Format {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z",
            Locale.ROOT);
    private static final int SHORT_ID = 12;

    private Format() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 15.6 GiB}; {@code unknown} for a negative size. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 4s}, {@code 14m 32s}, {@code 3h 5m}, {@code 2d 4h}: the two largest units, the second if not zero. */
    public static String duration(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return twoUnits(s / 60, "m", s % 60, "s");
        }
        if (s < 86400) {
            return twoUnits(s / 3600, "h", s % 3600 / 60, "m");
        }
        return twoUnits(s / 86400, "d", s % 86400 / 3600, "h");
    }

    private static String twoUnits(long first, String firstUnit, long second, String secondUnit) {
        return second == 0 ? first + firstUnit : first + firstUnit + " " + second + secondUnit;
    }

    /** How long ago {@code then} was: {@code never} for {@code null}, {@code just now}, or {@code 4s ago}. */
    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration elapsed = Duration.between(then, now);
        return elapsed.getSeconds() < 1 ? "just now" : duration(elapsed) + " ago";
    }

    /** How long until {@code when}: {@code in 9m 12s}, or {@code expired} once it has passed. */
    public static String until(Instant when, Instant now) {
        Duration left = Duration.between(now, when);
        return left.isNegative() || left.isZero() ? "expired" : "in " + duration(left);
    }

    /** An absolute time in {@code zone}, to the second: {@code 2026-11-21 14:03:00 UTC}. */
    public static String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.withZone(zone).format(instant);
    }

    /** The first twelve characters of a peer id; the registry accepts any unique prefix of eight or more. */
    public static String shortId(String id) {
        return id == null || id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }

    /** The one-minute load average with two decimals, or {@code unknown} when the system gives none. */
    public static String load(double load) {
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** SHA-256 of the certificate's DER encoding, upper-case hex separated by colons (as in PeerInfo). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }
}
