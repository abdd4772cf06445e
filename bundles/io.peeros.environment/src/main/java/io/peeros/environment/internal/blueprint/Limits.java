package io.peeros.environment.internal.blueprint;

/** The bounds a blueprint must stay within; docs/blueprints.md lists them. */
final class Limits {

    static final int GROUPS = 100;
    static final int COUNT = 100;
    static final int CONTAINERS = 1000;
    static final int VARIABLES = 100;
    static final int STEPS = 200;
    static final int COMMANDS = 100;
    static final int FILES = 100;
    static final int PORTS = 64;
    static final int SSH_KEYS = 100;
    static final int AFTER = 100;
    static final int CPU_PERCENT = 6400;
    static final long MIN_RAM = 16L << 20;
    static final long MAX_RAM = 1L << 40;
    static final long MIN_DISK = 64L << 20;
    static final long MAX_DISK = 64L << 40;
    static final int TIMEOUT_SECONDS = 86_400;

    private Limits() {
    }
}
