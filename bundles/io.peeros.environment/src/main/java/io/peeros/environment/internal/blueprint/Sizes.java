package io.peeros.environment.internal.blueprint;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts of bytes written with a unit: {@code 512MiB}, {@code 10GiB}, {@code 1.5TB}. */
final class Sizes {

    static final String RULE = "must be a size with a unit (B, KiB, MiB, GiB, TiB, KB, MB, GB, TB), e.g. 10GiB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*([A-Za-z]{1,3})");
    private static final Map<String, Long> UNITS = Map.of("b", 1L, "kib", 1L << 10, "mib", 1L << 20,
            "gib", 1L << 30, "tib", 1L << 40, "kb", 1000L, "mb", 1000_000L, "gb", 1000_000_000L,
            "tb", 1000_000_000_000L);

    private Sizes() {
    }

    /** The number of bytes, or {@code null} when the text is not a size. */
    static Long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return null;
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return null;
        }
        return bytes.longValue();
    }

    /** A readable form: {@code 10GiB}, {@code 1536MiB}, {@code 100B}. */
    static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }
}
