/**
 * Upgrading a peer in place: a signed repository archive of a newer PeerOS version is verified, installed with
 * {@code feature:install -u} semantics, health-checked, and rolled back by itself when the check fails.
 *
 * <p>The value types are records designed to grow: a new component is only ever appended, and the previous
 * canonical constructor is kept as a secondary constructor, so adding one is a minor version change.
 */
@Version("1.0.0")
package io.peeros.upgrade.api;

import org.osgi.annotation.versioning.Version;
