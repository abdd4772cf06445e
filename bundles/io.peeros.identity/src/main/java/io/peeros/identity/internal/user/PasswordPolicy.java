package io.peeros.identity.internal.user;

import io.peeros.identity.api.IdentityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for user names and passwords. */
public final class PasswordPolicy {

    /** The default and the floor of the minimum password length. */
    public static final int MIN_LENGTH = 12;
    static final int ABSOLUTE_MIN_LENGTH = 8;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,31}");

    private PasswordPolicy() {
    }

    /** @throws IdentityException {@code USER_NAME_INVALID} naming the rule */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IdentityException("USER_NAME_INVALID", "user name '" + name + "' is invalid: use 1 to 32"
                    + " characters, a lower-case letter first, then lower-case letters, digits, '.', '_' or '-'");
        }
    }

    /** @throws IdentityException {@code PASSWORD_WEAK} saying why */
    public static void checkPassword(String name, char[] password, int minLength) {
        Optional<String> weakness = weakness(name, password, minLength);
        if (weakness.isPresent()) {
            throw new IdentityException("PASSWORD_WEAK", "password of user '" + name + "' is too weak: "
                    + weakness.get());
        }
    }

    /** Why {@code password} is not acceptable for {@code name}, or empty when it is. */
    public static Optional<String> weakness(String name, char[] password, int minLength) {
        int required = Math.max(minLength, ABSOLUTE_MIN_LENGTH);
        if (password == null || password.length < required) {
            return Optional.of("it must have at least " + required + " characters");
        }
        if (Arrays.equals(password, name.toCharArray())) {
            return Optional.of("it must not be the user name");
        }
        return Optional.empty();
    }
}
