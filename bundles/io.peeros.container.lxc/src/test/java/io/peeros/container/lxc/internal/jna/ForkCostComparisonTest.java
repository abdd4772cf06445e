package io.peeros.container.lxc.internal.jna;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.container.lxc.internal.LxcTestSupport;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/**
 * Why production code runs {@code lxc-attach} and {@code lxc-copy} instead of liblxc's attach and clone:
 * both fork the calling process, here the whole JVM. Logs ({@code forkcost} lines) the cost of each path at
 * the test JVM's size and again with 1 GiB more heap touched, and which descriptors a command sees. Asserts
 * only that the production path leaks none of the JVM's descriptors.
 */
public class ForkCostComparisonTest extends LxcTestSupport {

    private static final int CLONE_SNAPSHOT = 1 << 2;

    @Test
    public void inProcessAttachAndCloneAgainstTheTools() throws Exception {
        String n = name("fork");
        String base = name("base");
        manager.create(base, busybox);
        manager.create(n, busybox);
        manager.start(n);
        untilExecAnswers(n);
        Liblxc lxc = Liblxc.load();
        AttachExec attach = new AttachExec();
        List<String> env = List.of("PATH=/bin");

        try (FileInputStream hostFile = new FileInputStream("/etc/hostname");
                LxcContainer c = lxc.open(n, lxcPath.toString())) {
            List<String> viaTool = fds(manager.exec(n, ExecRequest.of("ls", "-l", "/proc/self/fd/")).stdout());
            List<String> viaJna = fds(attach.run(c, List.of("ls", "-l", "/proc/self/fd/"), env, null, 0, 0, 5000, 1 << 20)
                    .stdout());
            LOG.info("forkcost descriptors seen by a command via lxc-attach: {}", viaTool);
            LOG.info("forkcost descriptors seen by a command via liblxc attach: {}", viaJna);
            // an entry without a target is the directory ls itself opened to list /proc/self/fd
            assertTrue("lxc-attach must pass only stdio: " + viaTool, viaTool.stream().allMatch(
                    l -> l.matches("[012] -> .*") || !l.contains(" -> ")));

            measure("baseline", c, attach, env, lxc, base, 15);
            byte[][] ballast = touch(1 << 10);
            measure("+1GiB-heap", c, attach, env, lxc, base, 7);
            assertEquals(1 << 10, ballast.length);
        }
    }

    private void measure(String label, LxcContainer c, AttachExec attach, List<String> env, Liblxc lxc, String base,
            int runs) throws Exception {
        long[] jna = new long[runs];
        long[] tool = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            assertEquals(0, attach.run(c, List.of("true"), env, null, 0, 0, 5000, 1024).exitCode());
            jna[i] = System.nanoTime() - t;
            t = System.nanoTime();
            ExecResult r = manager.exec(c.name(), ExecRequest.of("true"));
            tool[i] = System.nanoTime() - t;
            assertEquals(0, r.exitCode());
        }
        long[] jnaClone = new long[3];
        long[] toolClone = new long[3];
        for (int i = 0; i < 3; i++) {
            String a = name("jc");
            long t = System.nanoTime();
            try (LxcContainer b = lxc.open(base, lxcPath.toString())) {
                Pointer p = b.getPointer();
                Pointer c2 = (Pointer) Function.getFunction(p.getPointer(AttachOptions.CLONE)).invoke(Pointer.class,
                        new Object[] {p, a, lxcPath.toString(), CLONE_SNAPSHOT, "overlay", null, 0L, null});
                assertTrue("liblxc clone failed", c2 != null);
                com.sun.jna.NativeLibrary.getInstance("liblxc.so.1").getFunction("lxc_container_put").invokeInt(
                        new Object[] {c2});
            }
            jnaClone[i] = System.nanoTime() - t;
            manager.destroy(a);
            String d = name("tc");
            t = System.nanoTime();
            manager.clone(base, d);
            toolClone[i] = System.nanoTime() - t;
            manager.destroy(d);
        }
        LOG.info("forkcost {} rss={} MiB: exec liblxc-attach {} ms, lxc-attach {} ms; clone liblxc {} ms, lxc-copy {} ms",
                label, rssMiB(), median(jna), median(tool), median(jnaClone), median(toolClone));
    }

    private static List<String> fds(String ls) {
        List<String> out = new ArrayList<>();
        for (String line : ls.split("\n")) {
            int i = line.indexOf(':');
            if (line.startsWith("l") && i > 0) {
                String rest = line.substring(i + 4).strip();
                out.add(rest);
            }
        }
        return out;
    }

    private static byte[][] touch(int mib) {
        byte[][] b = new byte[mib][];
        for (int i = 0; i < mib; i++) {
            b[i] = new byte[1 << 20];
            for (int j = 0; j < b[i].length; j += 4096) {
                b[i][j] = 1;
            }
        }
        return b;
    }

    private static long rssMiB() throws Exception {
        return Long.parseLong(Files.readString(Path.of("/proc/self/statm")).split(" ")[1]) * 4096 / (1 << 20);
    }

    private static String median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("%.1f", s[s.length / 2] / 1e6);
    }
}
