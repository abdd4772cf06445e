package io.peeros.environment.internal.blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Names used before everything is read: groups named in {@code after}, step targets, inventory members.
 * They are checked once all groups are known.
 */
final class References {

    /** What a name must denote. */
    enum Kind {
        /** A group name. */
        GROUP,
        /** A group name or a container hostname. */
        GROUP_OR_HOST
    }

    record Reference(Kind kind, String name, Located at, String path) {
    }

    private final List<Reference> references = new ArrayList<>();

    void add(Kind kind, String name, Located at, String path) {
        references.add(new Reference(kind, name, at, path));
    }

    List<Reference> all() {
        return references;
    }
}
