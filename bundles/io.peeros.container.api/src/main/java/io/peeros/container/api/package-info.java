/**
 * The containers of a peer: create from a template, clone as a copy-on-write snapshot, start, stop, freeze,
 * run commands inside, inspect and destroy; give them a hostname, map host ports to them and attach them to
 * the layer-2 networks of environments (1.2). Containers are
 * daemonized: they outlive the peer process that started them, and those it started run again after a restart.
 */
@Version("1.2.0")
package io.peeros.container.api;

import org.osgi.annotation.versioning.Version;
