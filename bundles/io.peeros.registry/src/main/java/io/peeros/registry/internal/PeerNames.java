package io.peeros.registry.internal;

import java.util.Optional;

/** Names peers give themselves; shown to owners, so printable and bounded. */
final class PeerNames {

    static final int MAX_LENGTH = 64;

    private PeerNames() {
    }

    /** The stripped name, or empty if it is blank, too long or holds control characters. */
    static Optional<String> clean(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String stripped = name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_LENGTH
                || stripped.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(stripped);
    }
}
