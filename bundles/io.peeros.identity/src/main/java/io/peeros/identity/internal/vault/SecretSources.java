package io.peeros.identity.internal.vault;

import java.util.Optional;

/** Where the vault looks for owner secrets outside its own files: the process environment, or a map in tests. */
@FunctionalInterface
public interface SecretSources {

    /** The value of an environment variable, empty when unset or blank. */
    Optional<String> env(String name);

    /** The real process environment. */
    static SecretSources system() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
