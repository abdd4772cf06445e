package io.peeros.shell.internal.peer;

import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.RemotePeer;
import io.peeros.shell.internal.Format;
import io.peeros.shell.internal.ShellCommandSupport;
import java.time.Clock;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

/** Base of the {@code peer:*} commands that work on the peer registry. */
public abstract class PeerCommandSupport extends ShellCommandSupport {

    @Reference
    PeerRegistry registry;

    /** For relative times ("4s ago") and the zone of absolute ones; tests set a fixed clock. */
    Clock clock = Clock.systemDefaultZone();

    /** Prints one known peer as a property table. */
    void printPeer(RemotePeer peer) {
        ShellTable table = propertyTable();
        table.addRow().addContent("Peer id", peer.id());
        table.addRow().addContent("Name", peer.name());
        table.addRow().addContent("State", peer.state().name());
        table.addRow().addContent("Direction", peer.direction().name());
        table.addRow().addContent("Public URL", peer.publicUrl());
        table.addRow().addContent("Peer URL", peer.peerUrl());
        table.addRow().addContent("Certificate", peer.certificateFingerprint());
        table.addRow().addContent("Last seen", Format.ago(peer.lastSeen(), clock.instant()));
        table.print(System.out);
    }
}
