/**
 * What the peer that builds an environment asks of every peer that hosts part of it. Each peer runs an
 * {@link io.peeros.environment.api.peer.EnvironmentAgent}; the builder calls its own directly and the others over
 * mutual TLS ({@code /api/v1/p2p/environments}). Every operation is idempotent, so a step can be repeated after a
 * crash or a lost answer, and is refused unless it comes from the peer that prepared the environment here.
 */
@Version("1.4.0")
package io.peeros.environment.api.peer;

import org.osgi.annotation.versioning.Version;
