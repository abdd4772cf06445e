package io.peeros.environment.internal.blueprint;

import java.util.Collection;
import java.util.regex.Pattern;

/** Name rules and "did you mean" suggestions. */
final class Names {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    static final String DNS_LABEL_IS = "a DNS label (a-z, 0-9 and '-', 1 to 63, no '-' at either end)";
    static final String DNS_RULE = "must be " + DNS_LABEL_IS;

    private Names() {
    }

    /**
     * ": did you mean 'x'?" for the candidate the wrong name is a prefix of (sh, shell), else the nearest
     * within a few edits (Levenshtein, case ignored); else ": expected one of" the candidates.
     */
    static String suggest(String wrong, Collection<String> candidates) {
        if (wrong.length() >= 2) {
            for (String candidate : candidates) {
                if (candidate.toLowerCase().startsWith(wrong.toLowerCase())) {
                    return ": did you mean '" + candidate + "'?";
                }
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(wrong.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, best.length() / 3)) {
            return ": did you mean '" + best + "'?";
        }
        return candidates.isEmpty() ? "" : ": expected one of " + String.join(", ", candidates);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
