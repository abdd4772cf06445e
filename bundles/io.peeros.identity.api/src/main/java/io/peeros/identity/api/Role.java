package io.peeros.identity.api;

import java.util.Locale;

/** What a user may do. Each role includes the rights of the roles after it. */
public enum Role {
    /** Everything, including users, peer registration and upgrades. */
    ADMIN,
    /** Day-to-day operation: containers, environments, swarms. */
    OPERATOR,
    /** Read-only access. */
    VIEWER;

    /** The lower-case name used in JAAS, tokens, the shell and REST. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role grants what {@code required} grants. */
    public boolean includes(Role required) {
        return ordinal() <= required.ordinal();
    }

    /**
     * Parses a role id, case-insensitively.
     *
     * @throws IdentityException {@code ROLE_UNKNOWN} naming the valid roles
     */
    public static Role parse(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return role;
            }
        }
        throw new IdentityException("ROLE_UNKNOWN", "unknown role '" + id + "': use admin, operator or viewer");
    }
}
