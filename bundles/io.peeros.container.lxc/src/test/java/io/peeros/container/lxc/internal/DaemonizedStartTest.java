package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Containers are daemonized: they outlive the JVM that started them and are not its children. */
public class DaemonizedStartTest extends LxcTestSupport {

    @Test
    public void aContainerOutlivesTheJvmThatStartedIt() throws Exception {
        String n = name("child");
        manager.create(n, busybox);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ChildJvmStart.class.getName(), lxcPath.toString(), n).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("child JVM did not finish", child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(out, 0, child.exitValue());
        int pid = Integer.parseInt(out.lines().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));

        assertEquals(ContainerState.RUNNING, manager.state(n));
        assertEquals(pid, manager.info(n).pid());
        assertEquals(0, manager.exec(n, ExecRequest.of("true")).exitCode());
        assertMonitorIsNotOurs(pid, child.pid());
    }

    @Test
    public void theMonitorOfAContainerStartedHereIsNotOurChild() throws Exception {
        String n = name("here");
        manager.create(n, busybox);
        int pid = manager.start(n).pid();
        assertMonitorIsNotOurs(pid, ProcessHandle.current().pid());
        assertTrue("the test JVM has no child left", ProcessHandle.current().children()
                .noneMatch(p -> p.info().command().orElse("").contains("lxc")));
    }

    /** init's parent is the LXC monitor; the monitor must hang off init (or a subreaper), not off a JVM. */
    private static void assertMonitorIsNotOurs(int initPid, long jvmPid) throws IOException {
        long monitor = ppid(initPid);
        String cmdline = Files.readString(Path.of("/proc/" + monitor + "/cmdline")).replace('\0', ' ');
        assertTrue(cmdline, cmdline.startsWith("[lxc monitor]"));
        long monitorParent = ppid(monitor);
        LOG.info("init {} <- monitor {} <- {} (JVM {})", initPid, monitor, monitorParent, jvmPid);
        assertNotEquals(jvmPid, monitorParent);
        assertNotEquals(ProcessHandle.current().pid(), monitorParent);
    }

    private static long ppid(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(fields.get(1));
    }
}
