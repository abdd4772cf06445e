/**
 * The peer-to-peer registration protocol: the messages two peers exchange and the receiving side's entry
 * points, called by the REST layer with the TLS client certificate the caller presented.
 *
 * <p>Paths (see docs/security.md for the full exchange):
 * <ul>
 * <li>{@code POST /api/v1/p2p/registrations} on the public port (8443): a peer asks to register;</li>
 * <li>{@code POST /api/v1/p2p/registrations/{id}/confirm} on 8443: the approver proves it knows the code;</li>
 * <li>{@code POST /api/v1/p2p/registrations/{id}/reject} on 8443: the approver refused;</li>
 * <li>{@code GET /api/v1/p2p/heartbeat} on the mutual-TLS port (8444): liveness and info;</li>
 * <li>{@code POST /api/v1/p2p/unregister} on 8444: the caller ends the registration.</li>
 * </ul>
 */
@Version("1.0.0")
package io.peeros.registry.api.protocol;

import org.osgi.annotation.versioning.Version;
