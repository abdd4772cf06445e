package io.peeros.identity.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The users of this peer. Passwords are stored only as salted, memory-hard hashes. The owner is the user
 * {@value #OWNER}, created on first start; it cannot be removed or lose the admin role. The same users
 * serve the SSH shell, the REST API and the web console through one JAAS realm.
 */
@ProviderType
public interface UserService {

    /** The name of the owner account. */
    String OWNER = "admin";

    /**
     * Adds a user.
     *
     * @throws IdentityException {@code USER_NAME_INVALID}, {@code USER_EXISTS} or {@code PASSWORD_WEAK}
     */
    User add(String name, char[] password, Role role);

    /**
     * Removes a user.
     *
     * @throws IdentityException {@code USER_UNKNOWN}, or {@code USER_IS_OWNER} for the owner
     */
    void remove(String name);

    /**
     * Sets a new password.
     *
     * @throws IdentityException {@code USER_UNKNOWN} or {@code PASSWORD_WEAK}
     */
    void changePassword(String name, char[] newPassword);

    /** All users, sorted by name. */
    List<User> list();

    /** One user. */
    Optional<User> find(String name);

    /**
     * Checks a password. Unknown users take as long as known ones, and repeated failures for a name are
     * slowed down.
     *
     * @return the user when the password is right
     */
    Optional<User> authenticate(String name, char[] password);
}
