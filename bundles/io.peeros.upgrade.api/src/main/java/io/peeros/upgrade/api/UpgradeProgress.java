package io.peeros.upgrade.api;

/** Receives one line per step of an upgrade as it runs (verifying, installing, checking, rolling back). */
@FunctionalInterface
public interface UpgradeProgress {

    /** Ignores every step. */
    UpgradeProgress NONE = line -> { };

    void step(String line);
}
