package io.peeros.container.lxc.internal.cgroup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/** Finding the cgroup hierarchies and a container's directories in them, from real file contents. */
public class CgroupTest {

    /** Debian 12 with systemd: cgroup v2 only. */
    static final List<String> UNIFIED = List.of(
            "22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw",
            "26 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate");

    /** This CI machine: v1 controllers with an empty v2 tree beside them. */
    static final List<String> HYBRID = List.of(
            "30 25 0:26 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "31 30 0:27 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "32 30 0:28 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct",
            "34 30 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "38 30 0:34 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
            "39 30 0:35 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
            "40 30 0:36 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");

    @Test
    public void aV2OnlyHostIsUnified() {
        CgroupMounts m = CgroupMounts.parse(UNIFIED);
        assertTrue(m.isUnified());
        assertEquals(Path.of("/sys/fs/cgroup"), m.unified());
        assertNull(m.legacy("memory"));
    }

    @Test
    public void aHybridHostKeepsItsLimitsInV1() {
        CgroupMounts m = CgroupMounts.parse(HYBRID);
        assertFalse(m.isUnified());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), m.legacy("memory"));
        assertEquals(Path.of("/sys/fs/cgroup/unified"), m.unified());
        assertNull(m.legacy("rw"));
        assertNull(m.legacy("name=systemd"));
    }

    @Test
    public void mountPointsAreUnescaped() {
        assertEquals("/a b\\c", CgroupMounts.unescape("/a\\040b\\134c"));
    }

    @Test
    public void aContainerIsItsPayloadCgroupEvenWhenInitMovedDeeper() {
        ContainerCgroup cg = ContainerCgroup.parse(CgroupMounts.parse(UNIFIED), "web",
                List.of("0::/lxc.payload.web/init.scope"));
        assertEquals(Path.of("/sys/fs/cgroup/lxc.payload.web/memory.max"), cg.file("memory.max"));
        assertTrue(cg.isUnified());
    }

    @Test
    public void onV1EachControllerHasItsOwnDirectory() {
        ContainerCgroup cg = ContainerCgroup.parse(CgroupMounts.parse(HYBRID), "web", List.of(
                "9:name=systemd:/lxc.payload.web", "8:pids:/lxc.payload.web", "4:memory:/lxc.payload.web",
                "2:cpuacct:/lxc.payload.web", "1:cpu:/lxc.payload.web", "0::/lxc.payload.web"));
        assertFalse(cg.isUnified());
        assertEquals(Path.of("/sys/fs/cgroup/memory/lxc.payload.web/memory.limit_in_bytes"),
                cg.file("memory.limit_in_bytes"));
        assertEquals(Path.of("/sys/fs/cgroup/cpuacct/lxc.payload.web/cpuacct.usage"), cg.file("cpuacct.usage"));
        assertEquals(Path.of("/sys/fs/cgroup/unified/lxc.payload.web"), cg.unifiedDir());
        assertNull(cg.file("cpuset.cpus")); // not mounted in this sample
    }

    @Test
    public void aContainerNamedLikeAnotherIsNotCutShort() {
        ContainerCgroup cg = ContainerCgroup.parse(CgroupMounts.parse(UNIFIED), "web",
                List.of("0::/lxc.payload.web-2"));
        assertEquals(Path.of("/sys/fs/cgroup/lxc.payload.web-2/pids.max"), cg.file("pids.max"));
    }
}
