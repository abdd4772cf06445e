/**
 * The peers this peer knows: registration between two peers, their states and heartbeats, and what the
 * local peer reports about itself.
 */
@Version("1.2.0")
package io.peeros.registry.api;

import org.osgi.annotation.versioning.Version;
