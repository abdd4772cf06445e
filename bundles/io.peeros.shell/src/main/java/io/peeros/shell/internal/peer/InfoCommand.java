package io.peeros.shell.internal.peer;

import io.peeros.registry.api.PeerInfo;
import io.peeros.shell.internal.Format;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "peer", name = "info", description = "Shows this peer: id, name, URLs, certificate and capacity.",
        detailedDescription = "Give the certificate fingerprint to the owner of a peer you register with, so that"
                + " they can check it out of band before approving.")
@Service
public class InfoCommand extends PeerCommandSupport {

    @Override
    protected Object doExecute() {
        PeerInfo info = registry.localInfo();
        ShellTable table = propertyTable();
        table.addRow().addContent("Peer id", info.id());
        table.addRow().addContent("Name", info.name());
        table.addRow().addContent("Version", info.version());
        table.addRow().addContent("Public URL", info.publicUrl());
        table.addRow().addContent("Peer URL", info.peerUrl());
        table.addRow().addContent("Certificate", info.certificateFingerprint());
        table.addRow().addContent("CPU cores", info.cpuCores());
        table.addRow().addContent("RAM", Format.bytes(info.freeRamBytes()) + " available of "
                + Format.bytes(info.ramBytes()));
        table.addRow().addContent("Disk", Format.bytes(info.freeDiskBytes()) + " free of "
                + Format.bytes(info.diskBytes()));
        table.addRow().addContent("Load", Format.load(info.loadAverage()));
        table.print(System.out);
        return null;
    }
}
