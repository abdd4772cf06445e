package io.peeros.shell.internal;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Users in memory, following the UserService contract: the owner exists from the start and cannot be
 * removed, names are checked, passwords shorter than 8 characters are weak. Passwords are kept in clear so
 * tests can see what was stored.
 */
public final class FakeUserService implements UserService {

    public static final Instant CREATED = Instant.parse("2026-11-01T09:30:00Z");

    private final Map<String, User> users = new TreeMap<>();
    public final Map<String, String> passwords = new TreeMap<>();

    public FakeUserService() {
        users.put(OWNER, new User(OWNER, Role.ADMIN, CREATED));
        passwords.put(OWNER, "owner-password");
    }

    /** Adds a user directly, as if it had been there already. */
    public FakeUserService with(String name, Role role, String password) {
        add(name, password.toCharArray(), role);
        return this;
    }

    @Override
    public User add(String name, char[] password, Role role) {
        if (name == null || !name.matches("[a-z][a-z0-9._-]{0,31}")) {
            throw new IdentityException("USER_NAME_INVALID", "'" + name + "' is not a valid user name");
        }
        if (users.containsKey(name)) {
            throw new IdentityException("USER_EXISTS", "user '" + name + "' exists already");
        }
        checkStrength(password);
        User user = new User(name, role, CREATED);
        users.put(name, user);
        passwords.put(name, new String(password));
        return user;
    }

    @Override
    public void remove(String name) {
        known(name);
        if (OWNER.equals(name)) {
            throw new IdentityException("USER_IS_OWNER", "the owner cannot be removed");
        }
        users.remove(name);
        passwords.remove(name);
    }

    @Override
    public void changePassword(String name, char[] newPassword) {
        known(name);
        checkStrength(newPassword);
        passwords.put(name, new String(newPassword));
    }

    @Override
    public List<User> list() {
        return new ArrayList<>(users.values());
    }

    @Override
    public Optional<User> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public Optional<User> authenticate(String name, char[] password) {
        return find(name).filter(u -> passwords.get(name).equals(new String(password)));
    }

    private void known(String name) {
        if (!users.containsKey(name)) {
            throw new IdentityException("USER_UNKNOWN", "there is no user '" + name + "'");
        }
    }

    private static void checkStrength(char[] password) {
        if (password.length < 8) {
            throw new IdentityException("PASSWORD_WEAK", "the password needs at least 8 characters");
        }
    }
}
