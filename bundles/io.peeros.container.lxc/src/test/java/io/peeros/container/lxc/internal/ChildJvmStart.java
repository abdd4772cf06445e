package io.peeros.container.lxc.internal;

import java.util.Map;

/** Run in a child JVM by {@link DaemonizedStartTest}: starts a container, prints its init PID and exits. */
public final class ChildJvmStart {

    private ChildJvmStart() {
    }

    public static void main(String[] args) throws Exception {
        LxcContainerManager m = new LxcContainerManager(TestConfig.of(Map.of("lxcPath", args[0])));
        System.out.println("pid=" + m.start(args[1]).pid());
        m.deactivate();
        System.exit(0);
    }
}
