package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import java.util.regex.Pattern;

/** The naming rule for containers: a DNS label, since the name becomes the container's hostname. */
final class ContainerNames {

    static final String RULE = "[a-z][a-z0-9-]{0,62}";

    private static final Pattern PATTERN = Pattern.compile(RULE);

    private ContainerNames() {
    }

    static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** Returns {@code name} or throws {@link ContainerException#INVALID_NAME} naming the rule. */
    static String check(String name) {
        if (!isValid(name)) {
            throw new ContainerException(ContainerException.INVALID_NAME, "invalid container name "
                    + (name == null ? "null" : '"' + printable(name) + '"') + ": a name is 1 to 63 characters "
                    + "of lower-case letters, digits and '-', starting with a letter (" + RULE + ")");
        }
        return name;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
