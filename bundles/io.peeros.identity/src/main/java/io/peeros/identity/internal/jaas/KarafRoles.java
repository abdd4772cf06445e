package io.peeros.identity.internal.jaas;

import io.peeros.identity.api.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The role names a PeerOS role carries into Karaf: its own id plus the Karaf roles its commands need. */
final class KarafRoles {

    private KarafRoles() {
    }

    static Set<String> of(Role role) {
        Set<String> names = new LinkedHashSet<>();
        names.add(role.id());
        names.addAll(switch (role) {
            case ADMIN -> List.of("admin", "manager", "viewer", "systembundles", "ssh");
            case OPERATOR -> List.of("manager", "viewer", "ssh");
            case VIEWER -> List.of("viewer", "ssh");
        });
        return names;
    }
}
