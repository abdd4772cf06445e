package io.peeros.identity.internal.user;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import java.time.Instant;

/**
 * One entry of {@code users.json}.
 *
 * @param name the user name
 * @param role the role id
 * @param created ISO-8601 instant
 * @param password the encoded scrypt hash
 * @param passwordVersion increases with every password set, across all users, so it never repeats
 */
record UserRecord(String name, String role, String created, String password, long passwordVersion) {

    User toUser() {
        return new User(name, Role.parse(role), Instant.parse(created));
    }

    UserRecord withPassword(String newPassword, long newVersion) {
        return new UserRecord(name, role, created, newPassword, newVersion);
    }
}
