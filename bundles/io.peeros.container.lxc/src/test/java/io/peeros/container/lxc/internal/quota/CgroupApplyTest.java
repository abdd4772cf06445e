package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.Quota;
import io.peeros.container.lxc.internal.cgroup.CgroupMounts;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Live cgroup writes on a directory tree shaped like cgroup v2: all applied, or all put back. */
public class CgroupApplyTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private ContainerCgroup fakeV2(String... files) throws IOException {
        Path root = tmp.getRoot().toPath();
        Path dir = Files.createDirectories(root.resolve("lxc.payload.web"));
        for (String f : files) {
            Files.writeString(dir.resolve(f.split("=")[0]), f.split("=", 2)[1] + "\n");
        }
        CgroupMounts mounts = CgroupMounts.parse(List.of("26 22 0:23 / " + root + " rw - cgroup2 cgroup2 rw"));
        return ContainerCgroup.parse(mounts, "web", List.of("0::/lxc.payload.web"));
    }

    @Test
    public void everyLimitIsWritten() throws Exception {
        ContainerCgroup cg = fakeV2("cpu.weight=100", "cpu.max=max 100000", "cpuset.cpus=", "memory.max=max",
                "memory.swap.max=max", "pids.max=max");
        CgroupApply.apply(cg, Quota.NONE.withMemoryBytes(1L << 30).withCpuPercent(50), new Undo());
        assertEquals("1073741824", cg.read("memory.max"));
        assertEquals("50000 100000", cg.read("cpu.max"));
        assertEquals("max", cg.read("pids.max"));
    }

    @Test
    public void aRefusedValuePutsTheEarlierOnesBack() throws Exception {
        // memory.max leads to a read-only proc file here, so writing it fails as a refusing kernel would
        ContainerCgroup cg = fakeV2("cpu.weight=100", "cpu.max=max 100000", "pids.max=max");
        Files.createSymbolicLink(cg.file("memory.max"), Path.of("/proc/version"));
        Undo undo = new Undo();
        try {
            CgroupApply.apply(cg, Quota.NONE.withCpuWeight(500).withCpuPercent(20).withMemoryBytes(1L << 30), undo);
            throw new AssertionError("a failing write was not reported");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("the kernel refused memory.max = 1073741824"));
        }
        assertEquals("500", cg.read("cpu.weight"));
        undo.rollback();
        assertEquals("100", cg.read("cpu.weight"));
        assertEquals("max 100000", cg.read("cpu.max"));
    }

    @Test
    public void aMissingControllerIsAnErrorOnlyWhenItWouldLimit() throws Exception {
        ContainerCgroup cg = fakeV2("cpu.weight=100", "cpu.max=max 100000", "memory.max=max", "pids.max=max");
        CgroupApply.apply(cg, Quota.NONE.withPids(10L), new Undo()); // no cpuset, swap files: nothing to reset
        assertEquals("10", cg.read("pids.max"));
        try {
            CgroupApply.apply(cg, Quota.NONE.withCpuset("0"), new Undo());
            throw new AssertionError("cpuset without the controller was accepted");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("cannot set cpuset.cpus"));
        }
    }

    @Test
    public void ifbNamesFitAndTcShapesBothWays() {
        String ifb = NetworkShaper.ifbName("vethAfZ563");
        assertTrue(ifb, ifb.startsWith("pqi") && ifb.length() == 15);
        assertEquals(ifb, NetworkShaper.ifbName("vethAfZ563"));
        List<List<String>> c = NetworkShaper.shapeCommands("vethX", ifb, 8_000_000);
        assertEquals(List.of("tc", "qdisc", "replace", "dev", "vethX", "root", "tbf", "rate", "8000000bit", "burst",
                "20000", "latency", "50ms"), c.get(0));
        assertEquals("dev", c.get(1).get(3));
        assertEquals(ifb, c.get(1).get(4));
        assertEquals(ifb, c.get(3).get(c.get(3).size() - 1));
    }
}
