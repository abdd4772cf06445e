package io.peeros.upgrade.internal.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maven versions ({@code 0.1.0-SNAPSHOT}) as OSGi versions ({@code 0.1.0.SNAPSHOT}), as Karaf writes them. */
public final class Versions {

    private static final Pattern MAVEN = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:[-.](.+))?");

    private Versions() {
    }

    public static String osgi(String version) {
        Matcher m = MAVEN.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + version + "' is not a version");
        }
        String out = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                + (m.group(3) == null ? "0" : m.group(3));
        return m.group(4) == null ? out : out + "." + m.group(4).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Compares two versions in either notation, OSGi order (a qualifier sorts after none). */
    public static int compare(String a, String b) {
        return org.osgi.framework.Version.parseVersion(osgi(a)).compareTo(org.osgi.framework.Version.parseVersion(osgi(b)));
    }
}
