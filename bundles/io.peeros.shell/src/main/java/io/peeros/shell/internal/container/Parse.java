package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the values people type: durations ({@code 30s}), sizes ({@code 512M}) and percentages ({@code 25%}). */
public final class Parse {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]i?b?|b)?");
    private static final Pattern RATE = Pattern.compile("(\\d+)([kmgt])?(bit|bps|b/s)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%?");

    private Parse() {
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String text, String what) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(what, text, "a duration such as 30s, 500ms, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code 512M}, {@code 4G}, {@code 4GiB}, {@code 1024k}: binary units; a bare number is bytes. */
    public static long bytes(String text, String what) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(what, text, "a size such as 512M, 4G or 100G");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2) == null ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        if (n > Long.MAX_VALUE >> shift) {
            throw invalid(what, text, "a size below 8 EiB");
        }
        return n << shift;
    }

    /** {@code 100M}, {@code 1g}, {@code 500kbit}: bits per second in decimal units; a bare number is bits. */
    public static long bitsPerSecond(String text, String what) {
        Matcher m = RATE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 12) {
            throw invalid(what, text, "a rate in bits per second such as 100M, 1G or 500k");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            default -> 1L;
        };
        if (n > Long.MAX_VALUE / unit) {
            throw invalid(what, text, "a rate below 9 Ebit/s");
        }
        return n * unit;
    }

    /** A whole number from 1 upwards. */
    public static long count(String text, String what) {
        String t = text.strip();
        if (!t.matches("\\d{1,18}") || Long.parseLong(t) < 1) {
            throw invalid(what, text, "a whole number from 1 upwards");
        }
        return Long.parseLong(t);
    }

    /** {@code 25%} or {@code 25}: a whole percentage from 0 upwards (above 100 means more than one core). */
    public static int percent(String text, String what) {
        Matcher m = PERCENT.matcher(text.strip());
        if (!m.matches() || m.group(1).length() > 6) {
            throw invalid(what, text, "a percentage such as 25%");
        }
        return Integer.parseInt(m.group(1));
    }

    private static ContainerException invalid(String what, String text, String expected) {
        return new ContainerException(ContainerException.INVALID_REQUEST, what + " '" + text + "' is not "
                + expected);
    }
}
