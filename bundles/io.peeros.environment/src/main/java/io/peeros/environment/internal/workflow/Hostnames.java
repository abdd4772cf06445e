package io.peeros.environment.internal.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hostnames of the containers a grow adds: the group's numbering continued ({@code web-3}, {@code web-4}). */
final class Hostnames {

    private static final Pattern NUMBERED = Pattern.compile("(.*?)([0-9]+)");

    private Hostnames() {
    }

    static List<String> next(List<String> groupHostnames, Set<String> taken, int count) {
        String last = groupHostnames.get(groupHostnames.size() - 1);
        Matcher m = NUMBERED.matcher(last);
        String prefix = m.matches() ? m.group(1) : last + "-";
        int n = m.matches() ? 0 : 1;
        for (String h : groupHostnames) {
            Matcher hm = NUMBERED.matcher(h);
            if (hm.matches() && hm.group(1).equals(prefix)) {
                n = Math.max(n, Integer.parseInt(hm.group(2)));
            }
        }
        List<String> names = new ArrayList<>();
        while (names.size() < count) {
            String candidate = prefix + ++n;
            if (!taken.contains(candidate)) {
                names.add(candidate);
            }
        }
        return names;
    }
}
