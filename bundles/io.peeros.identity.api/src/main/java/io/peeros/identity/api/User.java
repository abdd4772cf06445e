package io.peeros.identity.api;

import java.time.Instant;
import java.util.Objects;

/** A user of this peer, without credentials. Immutable. */
public final class User {

    private final String name;
    private final Role role;
    private final Instant created;

    public User(String name, Role role, Instant created) {
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
        this.created = Objects.requireNonNull(created, "created");
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public Instant created() {
        return created;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User other && name.equals(other.name) && role == other.role
                && created.equals(other.created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, created);
    }

    @Override
    public String toString() {
        return name + " (" + role.id() + ")";
    }
}
