package io.peeros.upgrade.internal.archive;

import java.util.regex.Pattern;

/**
 * The names inside a repository archive (docs/upgrade.md): the signed manifest and its signature, the features
 * repository, and the bundle jars in Maven layout under {@value #REPOSITORY}.
 */
public final class ArchiveLayout {

    public static final String MANIFEST = "META-INF/peeros-upgrade/manifest.txt";
    public static final String SIGNATURE = "META-INF/peeros-upgrade/manifest.sig";
    public static final String FEATURES = "features.xml";
    public static final String REPOSITORY = "repository/";

    /** Letters, digits and {@code . _ - + /}: no backslash, no colon, nothing a shell or a zip tool reinterprets. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._+\\-/]{1,512}");

    private ArchiveLayout() {
    }

    /** The path of a Maven artifact's jar below {@value #REPOSITORY}. */
    public static String jarPath(String groupId, String artifactId, String version) {
        return REPOSITORY + groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-"
                + version + ".jar";
    }

    /**
     * Whether {@code name} stays inside the directory it is extracted to: relative, no {@code ..} or empty
     * segment, only safe characters.
     */
    public static boolean isSafe(String name) {
        if (!SAFE_NAME.matcher(name).matches() || name.startsWith("/") || name.endsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
