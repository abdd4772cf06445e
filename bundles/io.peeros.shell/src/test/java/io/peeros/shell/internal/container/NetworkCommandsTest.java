package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.api.PortMapping;
import io.peeros.container.api.Template;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakeContainerManager;
import java.time.Duration;
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

    @Test
    public void aManagerWithoutNetworkingSaysSo() throws Exception {
        HostnameCommand hostname = new HostnameCommand();
        hostname.containers = new OneZeroManager(containers);
        hostname.name = "web";
        hostname.hostname = "www";

        console.run(hostname);

        assertEquals("Error: the container manager of this peer does not support this [NOT_SUPPORTED]" + NL,
                console.err());
    }

    /** A manager written against the 1.0 API: no hostname or port methods. */
    private record OneZeroManager(ContainerManager delegate) implements ContainerManager {

        @Override
        public ContainerInfo create(String name, Template template) {
            return delegate.create(name, template);
        }

        @Override
        public ContainerInfo clone(String source, String name) {
            return delegate.clone(source, name);
        }

        @Override
        public ContainerInfo start(String name) {
            return delegate.start(name);
        }

        @Override
        public ContainerInfo stop(String name, Duration timeout) {
            return delegate.stop(name, timeout);
        }

        @Override
        public ContainerInfo restart(String name) {
            return delegate.restart(name);
        }

        @Override
        public void destroy(String name) {
            delegate.destroy(name);
        }

        @Override
        public ContainerInfo freeze(String name) {
            return delegate.freeze(name);
        }

        @Override
        public ContainerInfo unfreeze(String name) {
            return delegate.unfreeze(name);
        }

        @Override
        public ExecResult exec(String name, ExecRequest request) {
            return delegate.exec(name, request);
        }

        @Override
        public ContainerState state(String name) {
            return delegate.state(name);
        }

        @Override
        public ContainerInfo info(String name) {
            return delegate.info(name);
        }

        @Override
        public List<ContainerInfo> list() {
            return delegate.list();
        }
    }
}
