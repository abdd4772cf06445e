package io.peeros.rest.internal.support;

import io.peeros.identity.api.IdentityException;
import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users in memory with plain-text passwords, and the real service's rules and error codes. */
public final class FakeUserService implements UserService {

    public static final String OWNER_PASSWORD = "owner-password-1";

    private final Map<String, Entry> users = new ConcurrentHashMap<>();

    private record Entry(User user, String password) {
    }

    public FakeUserService() {
        users.put(OWNER, new Entry(new User(OWNER, Role.ADMIN, Instant.now()), OWNER_PASSWORD));
    }

    @Override
    public User add(String name, char[] password, Role role) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]{1,31}")) {
            throw new IdentityException("USER_NAME_INVALID", "user names are 2-32 of a-z, 0-9, _ and -");
        }
        checkStrength(password);
        User user = new User(name, role, Instant.now());
        if (users.putIfAbsent(name, new Entry(user, new String(password))) != null) {
            throw new IdentityException("USER_EXISTS", "user '" + name + "' exists");
        }
        return user;
    }

    @Override
    public void remove(String name) {
        if (OWNER.equals(name)) {
            throw new IdentityException("USER_IS_OWNER", "the owner cannot be removed");
        }
        if (users.remove(name) == null) {
            throw unknown(name);
        }
    }

    @Override
    public void changePassword(String name, char[] newPassword) {
        Entry entry = users.get(name);
        if (entry == null) {
            throw unknown(name);
        }
        checkStrength(newPassword);
        users.put(name, new Entry(entry.user(), new String(newPassword)));
    }

    @Override
    public List<User> list() {
        return users.values().stream().map(Entry::user).sorted(Comparator.comparing(User::name)).toList();
    }

    @Override
    public Optional<User> find(String name) {
        return Optional.ofNullable(users.get(name)).map(Entry::user);
    }

    @Override
    public Optional<User> authenticate(String name, char[] password) {
        Entry entry = name == null ? null : users.get(name);
        return entry != null && entry.password().equals(new String(password)) ? Optional.of(entry.user())
                : Optional.empty();
    }

    public String passwordOf(String name) {
        return users.get(name).password();
    }

    private static void checkStrength(char[] password) {
        if (password.length < 10) {
            throw new IdentityException("PASSWORD_WEAK", "a password needs at least 10 characters");
        }
    }

    private static IdentityException unknown(String name) {
        return new IdentityException("USER_UNKNOWN", "no user '" + name + "'");
    }
}
