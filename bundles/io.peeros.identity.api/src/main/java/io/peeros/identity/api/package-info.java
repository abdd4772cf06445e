/**
 * The identity of a peer: its key pair and certificate, the peers it trusts, its users and their roles, and
 * the bearer tokens issued to them.
 */
@Version("1.1.0")
package io.peeros.identity.api;

import org.osgi.annotation.versioning.Version;
