/**
 * Environments described by blueprints: the blueprint model ({@link io.peeros.environment.api.Blueprint} and
 * its records), and the {@link io.peeros.environment.api.BlueprintParser} that reads it from YAML, JSON or a
 * Subutai {@code Subutai.json}, fills in the variables and reports every error with file, line, column and
 * field path. The model is what the planner consumes; nothing here talks to a peer.
 */
@Version("1.0.0")
package io.peeros.environment.api;

import org.osgi.annotation.versioning.Version;
