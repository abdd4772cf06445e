package io.peeros.upgrade.internal;

import java.util.List;

/** Looks at the peer's health: what is up now, and what of a baseline is not up any more. */
interface HealthProbe {

    HealthBaseline capture();

    /** One line per failed check, naming what is missing (empty when the peer is as healthy as before). */
    List<String> failures(HealthBaseline before);
}
