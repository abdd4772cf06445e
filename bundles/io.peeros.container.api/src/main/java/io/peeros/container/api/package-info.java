/**
 * The containers of a peer: create from a template, clone as a copy-on-write snapshot, start, stop, freeze,
 * run commands inside, inspect and destroy. Containers are daemonized: they outlive the peer process that
 * started them.
 */
@Version("1.0.0")
package io.peeros.container.api;

import org.osgi.annotation.versioning.Version;
