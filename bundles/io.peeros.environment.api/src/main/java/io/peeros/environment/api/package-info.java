/**
 * Environments described by blueprints: the blueprint model ({@link io.peeros.environment.api.Blueprint} and
 * its records), and the {@link io.peeros.environment.api.BlueprintParser} that reads it from YAML, JSON or a
 * Subutai {@code Subutai.json}, fills in the variables and reports every error with file, line, column and
 * field path; and the {@link io.peeros.environment.api.EnvironmentService} that plans, builds, changes and destroys
 * environments across peers (the per-peer side is in {@code io.peeros.environment.api.peer}).
 *
 * <p>The records are values built by the parser only: later minor versions may add components at the end of
 * a record (consumers read them through their accessors and are not affected) and new kinds of
 * {@link io.peeros.environment.api.ProvisioningStep}.
 */
@Version("1.3.0")
package io.peeros.environment.api;

import org.osgi.annotation.versioning.Version;
