package io.peeros.shell.internal.completers;

import static io.peeros.shell.internal.completers.ContainerCompletersTest.complete;
import static org.junit.Assert.assertEquals;

import io.peeros.vpn.api.testing.FakeSwarmService;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.VpnStats;
import java.util.List;
import org.junit.Test;

public class SwarmIdCompleterTest {

    @Test
    public void swarmIdsAndNothingWithoutTheService() {
        SwarmIdCompleter completer = new SwarmIdCompleter();
        completer.swarms = new FakeSwarmService().with(new Swarm("env-1", "pvpn0", List.of(), VpnStats.EMPTY))
                .with(new Swarm("env-2", "pvpn1", List.of(), VpnStats.EMPTY))
                .with(new Swarm("lab", "pvpn2", List.of(), VpnStats.EMPTY));

        assertEquals(List.of("env-1 ", "env-2 "), complete(completer, "en"));
        assertEquals(3, complete(completer, "").size());
        completer.swarms = null;
        assertEquals(List.of(), complete(completer, ""));
    }
}
