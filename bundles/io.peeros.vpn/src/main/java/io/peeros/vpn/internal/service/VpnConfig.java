package io.peeros.vpn.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the VPN (PID {@value #PID}). */
@ObjectClassDefinition(name = "PeerOS VPN", description = "The peer's encrypted layer-2 swarms")
public @interface VpnConfig {

    String PID = "io.peeros.vpn";

    @AttributeDefinition(description = "Local address of the UDP socket every swarm uses (0.0.0.0: all)")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port of this peer's VPN", min = "1", max = "65535")
    int port() default 7946;

    @AttributeDefinition(description = "UDP port assumed for other peers until they say otherwise", min = "1",
            max = "65535")
    int peerPort() default 7946;

    @AttributeDefinition(description = "MTU of the underlay path between peers; the swarm TAPs get this minus "
            + "every encapsulation overhead, so no datagram is ever fragmented", min = "1280", max = "9000")
    int underlayMtu() default 1500;

    @AttributeDefinition(description = "AEAD of the swarms, the same on every peer: AES_256_GCM or "
            + "CHACHA20_POLY1305")
    String cipher() default "AES_256_GCM";

    @AttributeDefinition(description = "Session keys are replaced after this many seconds", min = "10")
    int rekeySeconds() default 120;

    @AttributeDefinition(description = "Seconds between re-reads of trust and of the members' addresses", min = "1")
    int refreshSeconds() default 15;

    @AttributeDefinition(description = "When the component stops (bundle update or restart, a reference going "
            + "away), its data plane keeps forwarding for at most this many seconds for a successor to take over "
            + "(no packet lost); untaken, it closes. 0: close at once", min = "0", max = "600")
    int handoverSeconds() default 30;

    @AttributeDefinition(description = "Directory of the swarm records; empty means ${karaf.data}/peeros/vpn")
    String stateDirectory() default "";
}
