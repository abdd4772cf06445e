package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/** Exec in a running busybox container: arguments, environment, directory, user, exit codes, timeout. */
public class LxcExecTest extends LxcTestSupport {

    private String n;

    @Before
    public void startContainer() {
        n = name("exec");
        manager.create(n, busybox);
        manager.start(n);
        untilExecAnswers(n);
    }

    @Test
    public void argumentsArePassedAsIs() {
        ExecResult r = manager.exec(n, ExecRequest.of("printf", "%s|", "a b", "c\"d", "", "$HOME", "*"));
        assertEquals("a b|c\"d||$HOME|*|", r.stdout());
    }

    @Test
    public void stdoutAndStderrAreKeptApart() {
        ExecResult r = manager.exec(n, ExecRequest.of("sh", "-c", "echo out; echo err >&2; echo out2"));
        assertEquals("out\nout2\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals(0, r.exitCode());
        assertEquals(100_000, manager.exec(n, ExecRequest.of("head", "-c", "100000", "/dev/zero")).stdoutBytes().length);
    }

    @Test
    public void exitCodes() {
        assertEquals(42, manager.exec(n, ExecRequest.of("sh", "-c", "exit 42")).exitCode());
        assertEquals(1, manager.exec(n, ExecRequest.of("false")).exitCode());
        assertEquals("killed by SIGKILL", 137, manager.exec(n, ExecRequest.of("sh", "-c", "kill -9 $$")).exitCode());
        assertEquals("no such program", 127, manager.exec(n, ExecRequest.of("no-such-program")).exitCode());
    }

    @Test
    public void environmentIsCleanAndExtended() {
        ExecResult r = manager.exec(n, ExecRequest.of("env").withEnv("GREETING", "hello world"));
        Set<String> names = Set.of(r.stdout().lines().map(l -> l.substring(0, l.indexOf('='))).toArray(String[]::new));
        assertTrue(r.stdout(), r.stdout().contains("GREETING=hello world\n"));
        assertTrue(r.stdout(), r.stdout().contains("PATH=" + LxcExec.DEFAULT_PATH + "\n"));
        assertTrue(r.stdout(), r.stdout().contains("HOME=/root\n"));
        for (String hostVariable : System.getenv().keySet()) {
            if (!Set.of("PATH", "HOME", "PWD", "SHLVL", "container").contains(hostVariable)) {
                assertFalse("host variable " + hostVariable + " leaked", names.contains(hostVariable));
            }
        }
        expect(ContainerException.INVALID_REQUEST, () -> manager.exec(n, ExecRequest.of("env").withEnv("A-B", "x")));
    }

    @Test
    public void workingDirectory() {
        assertEquals("/\n", manager.exec(n, ExecRequest.of("pwd")).stdout());
        assertEquals("/tmp\n", manager.exec(n, ExecRequest.of("pwd").withWorkingDirectory("/tmp")).stdout());
        assertEquals("/home/peer\n",
                manager.exec(n, ExecRequest.of("pwd").withWorkingDirectory("/root/../home/peer")).stdout());
        expect(ContainerException.INVALID_REQUEST,
                () -> manager.exec(n, ExecRequest.of("pwd").withWorkingDirectory("/no/such/dir")));
        expect(ContainerException.INVALID_REQUEST, () -> manager.exec(n, ExecRequest.of("pwd").withWorkingDirectory("tmp")));
    }

    @Test
    public void users() {
        assertEquals("0 0\n", idOf(null));
        assertEquals("1000 1000 /home/peer\n", manager.exec(n, ExecRequest.of("sh", "-c", "echo $(id -u) $(id -g) $HOME")
                .withUser("peer")).stdout());
        assertEquals("1000 1000\n", idOf("1000"));
        assertEquals("65534 65534\n", idOf("nobody"));
        assertEquals("1234 4321\n", idOf("1234:4321"));
        expect(ContainerException.INVALID_REQUEST, () -> idOf("ghost"));
        expect(ContainerException.INVALID_REQUEST, () -> idOf("root;rm"));
        assertEquals("1000\n", manager.exec(n, ExecRequest.of("stat", "-c", "%u", ".").withUser("peer")
                .withWorkingDirectory("/home/peer")).stdout());
    }

    private String idOf(String user) {
        return manager.exec(n, ExecRequest.of("sh", "-c", "echo $(id -u) $(id -g)").withUser(user)).stdout();
    }

    @Test
    public void timeoutKillsTheCommandAndItsChildren() {
        long t0 = System.nanoTime();
        expect(ContainerException.EXEC_TIMEOUT, () -> manager.exec(n,
                ExecRequest.of("sh", "-c", "sleep 31 & sleep 32").withTimeout(Duration.ofMillis(500))));
        long took = System.nanoTime() - t0;
        LOG.info("timing exec-timeout(500ms) {} ms", String.format("%.1f", ms(took)));
        assertTrue("took " + ms(took) + " ms", took >= 500_000_000L && took < 5_000_000_000L);
        String ps = manager.exec(n, ExecRequest.of("ps")).stdout();
        assertFalse(ps, ps.contains("sleep 31") || ps.contains("sleep 32"));
        assertEquals(ContainerState.RUNNING, manager.state(n));
    }

    @Test
    public void outputBeyondTheLimitIsCut() throws Exception {
        LxcContainerManager small = newManager(Map.of("maxExecOutputBytes", 1000));
        try {
            ExecResult r = small.exec(n, ExecRequest.of("sh", "-c", "head -c 5000 /dev/zero; echo done >&2"));
            assertEquals(1000, r.stdoutBytes().length);
            assertEquals("done\n", r.stderr());
            assertTrue(r.truncated());
            assertEquals(0, r.exitCode());
        } finally {
            small.deactivate();
        }
    }

    @Test
    public void concurrentExecsKeepTheirOutputsApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String word = "w" + i;
                results.add(pool.submit(() -> manager.exec(n, ExecRequest.of("sh", "-c", "sleep 0.05; echo $W")
                        .withEnv("W", word)).stdout()));
            }
            for (int i = 0; i < 12; i++) {
                assertEquals("w" + i + "\n", results.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void execNeedsARunningContainerAndACommand() {
        expect(ContainerException.INVALID_REQUEST, () -> manager.exec(n, ExecRequest.of()));
        expect(ContainerException.INVALID_REQUEST, () -> manager.exec(n, ExecRequest.of("true").withTimeout(Duration.ZERO)));
        manager.stop(n, null);
        expect(ContainerException.INVALID_STATE, () -> manager.exec(n, ExecRequest.of("true")));
        expect(ContainerException.NOT_FOUND, () -> manager.exec(name("none"), ExecRequest.of("true")));
    }
}
