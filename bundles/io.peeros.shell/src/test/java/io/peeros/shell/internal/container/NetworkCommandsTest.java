package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.PortMapping;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** container:hostname, port-map and port-unmap. */
public class NetworkCommandsTest {

    private static final String NL = System.lineSeparator();

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox:1.0.0", ContainerState.RUNNING).with("db", "busybox:1.0.0", ContainerState.STOPPED);

    @Test
    public void mapShowAndUnmapPorts() throws Exception {
        PortMapCommand map = new PortMapCommand();
        map.containers = containers;
        map.name = "web";
        map.hostPort = 8080;
        map.containerPort = 80;
        console.run(map);
        map.udp = true;
        map.hostPort = 5353;
        map.containerPort = 53;
        console.run(map);
        map.name = "db";
        console.run(map);
        PortUnmapCommand unmap = new PortUnmapCommand();
        unmap.containers = containers;
        unmap.name = "web";
        unmap.hostPort = 8080;
        console.run(unmap);
        console.run(unmap);

        assertEquals("Forwarding 8080/tcp -> web:80." + NL + "Forwarding 5353/udp -> web:53." + NL
                + "Removed the mapping of 8080/tcp to web." + NL, console.out());
        assertEquals(List.of("Error: host port 5353/udp goes to web already [PORT_TAKEN]",
                "Error: container 'web' has no mapping of 8080/tcp [NOT_FOUND]"), console.err().lines().toList());
        assertEquals(1, containers.ports("web").size());
    }

    @Test
    public void infoShowsTheMappingsAndTheHostname() throws Exception {
        containers.mapPort("web", PortMapping.Protocol.TCP, 8080, 80);
        HostnameCommand hostname = new HostnameCommand();
        hostname.containers = containers;
        hostname.name = "web";
        hostname.hostname = "www.example.org";
        console.run(hostname);
        InfoCommand info = new InfoCommand();
        info.containers = containers;
        info.name = "web";
        console.run(info);

        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.startsWith("Hostname of web is now www.example.org." + NL));
        assertTrue(out, out.contains("Hostname|www.example.org"));
        assertTrue(out, out.contains("Ports|8080/tcp -> 80"));
    }
}
