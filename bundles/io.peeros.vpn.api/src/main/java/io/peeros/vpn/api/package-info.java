/**
 * The peer-to-peer VPN: one encrypted layer-2 switch (a swarm) per environment, spanning the peers that the
 * environment authorised.
 *
 * <p>The value types are records designed to grow: a new component is only ever appended, and the previous
 * canonical constructor is kept as a secondary constructor, so adding one is a minor version change.
 */
@Version("1.0.0")
package io.peeros.vpn.api;

import org.osgi.annotation.versioning.Version;
