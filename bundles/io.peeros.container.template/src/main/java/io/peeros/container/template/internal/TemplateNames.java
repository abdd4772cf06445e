package io.peeros.container.template.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template names ({@code [a-z][a-z0-9-]{0,62}}, like container names), versions
 * ({@code MAJOR.MINOR.PATCH[-PRE]}, numbers without leading zeros) and their order, and ids
 * ({@code name:version}).
 */
final class TemplateNames {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(?:-([0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*))?");
    private static final int MAX_VERSION = 64;

    /** Newer versions sort after older ones; a pre-release sorts before its release. */
    static final Comparator<String> VERSION_ORDER = TemplateNames::compareVersions;

    private TemplateNames() {
    }

    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static boolean isVersion(String version) {
        return version != null && version.length() <= MAX_VERSION && VERSION.matcher(version).matches();
    }

    static void checkName(String name) {
        if (!isName(name)) {
            throw new TemplateException(ContainerException.INVALID_NAME, "template name '" + name
                    + "' must be 1-63 lower-case letters, digits and '-', starting with a letter");
        }
    }

    static void checkVersion(String version) {
        if (!isVersion(version)) {
            throw new TemplateException(ContainerException.INVALID_NAME, "template version '" + version
                    + "' must be MAJOR.MINOR.PATCH with an optional -pre.release suffix, e.g. 1.2.0 or 2.0.0-rc.1");
        }
    }

    static String id(String name, String version) {
        return name + ":" + version;
    }

    /** Splits and checks {@code name:version}. */
    static String[] parseId(String id) {
        int colon = id == null ? -1 : id.indexOf(':');
        if (colon < 0) {
            throw new TemplateException(ContainerException.INVALID_NAME, "template reference '" + id
                    + "' must be name:version");
        }
        String name = id.substring(0, colon);
        String version = id.substring(colon + 1);
        checkName(name);
        checkVersion(version);
        return new String[] {name, version};
    }

    static int compareVersions(String a, String b) {
        Matcher x = VERSION.matcher(a);
        Matcher y = VERSION.matcher(b);
        if (!x.matches() || !y.matches()) {
            return a.compareTo(b);
        }
        for (int g = 1; g <= 3; g++) {
            int c = Long.compare(Long.parseLong(x.group(g)), Long.parseLong(y.group(g)));
            if (c != 0) {
                return c;
            }
        }
        String p = x.group(4);
        String q = y.group(4);
        if (p == null || q == null) {
            return p == null ? (q == null ? 0 : 1) : -1;
        }
        return comparePreRelease(p.split("[.-]"), q.split("[.-]"));
    }

    private static int comparePreRelease(String[] p, String[] q) {
        for (int i = 0; i < Math.min(p.length, q.length); i++) {
            boolean pn = p[i].chars().allMatch(Character::isDigit);
            boolean qn = q[i].chars().allMatch(Character::isDigit);
            int c = pn && qn ? Long.compare(Long.parseLong(p[i]), Long.parseLong(q[i]))
                    : pn != qn ? (pn ? -1 : 1) : p[i].compareTo(q[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(p.length, q.length);
    }
}
