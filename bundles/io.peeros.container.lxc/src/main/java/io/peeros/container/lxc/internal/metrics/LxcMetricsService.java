package io.peeros.container.lxc.internal.metrics;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.MetricsService;
import io.peeros.container.lxc.internal.cgroup.CgroupMounts;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import io.peeros.container.lxc.internal.quota.BtrfsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@link MetricsService} from the kernel's own accounting: a container's cgroup files (v2, or v1 on hybrid
 * hosts), its network namespace's {@code /proc/<init>/net/dev}, and btrfs qgroups for its disk; the host's
 * {@code /proc/stat}, {@code /proc/meminfo}, {@code /proc/net/dev} and the file system of the LXC path.
 * Reading one container costs a few small file reads and no process.
 */
@Component(service = MetricsService.class, configurationPid = "io.peeros.container.lxc.LxcMetricsService")
@Designate(ocd = LxcMetricsService.Config.class)
public class LxcMetricsService implements MetricsService {

    @ObjectClassDefinition(name = "PeerOS container metrics")
    public @interface Config {
        @AttributeDefinition(description = "LXC directory of the containers (the manager's lxcPath)")
        String lxcPath() default "/var/lib/lxc";

        @AttributeDefinition(description = "Seconds a disk scan of a container without its own subvolume is reused")
        int diskScanSeconds() default 60;
    }

    private final ContainerManager manager;
    private final CgroupMounts mounts;
    private volatile Path lxcPath;
    private volatile DiskUsage disk;

    @Activate
    public LxcMetricsService(@Reference(name = "manager") ContainerManager manager, Config config) throws IOException {
        this.manager = manager;
        this.mounts = CgroupMounts.read();
        modified(config);
    }

    @Modified
    void modified(Config config) {
        lxcPath = Path.of(config.lxcPath()).normalize();
        disk = new DiskUsage(TimeUnit.SECONDS.toNanos(Math.max(0, config.diskScanSeconds())));
    }

    @Override
    public ContainerMetrics container(String name) {
        ContainerInfo info = manager.info(name);
        return of(info, store());
    }

    @Override
    public List<ContainerMetrics> containers() {
        BtrfsStore store = store();
        List<ContainerMetrics> all = new ArrayList<>();
        Set<Path> dirs = new HashSet<>();
        for (ContainerInfo info : manager.list()) {
            all.add(of(info, store));
            dirs.add(lxcPath.resolve(info.name()));
        }
        disk.retain(dirs);
        return all;
    }

    @Override
    public HostMetrics host() {
        try {
            ProcFiles.Cpu cpu = ProcFiles.cpu(Files.readAllLines(Path.of("/proc/stat")));
            List<String> mem = Files.readAllLines(Path.of("/proc/meminfo"));
            FileStore fs = Files.getFileStore(lxcPath);
            long[] net = ProcFiles.netDev(Files.readAllLines(Path.of("/proc/net/dev")),
                    n -> Files.exists(Path.of("/sys/class/net", n, "device")));
            return new HostMetrics(Instant.now(), cpu.cpus(), cpu.busyNanos(), cpu.totalNanos(),
                    ProcFiles.meminfo(mem, "MemTotal"), ProcFiles.meminfo(mem, "MemAvailable"),
                    ProcFiles.meminfo(mem, "SwapTotal"), ProcFiles.meminfo(mem, "SwapFree"), fs.getTotalSpace(),
                    fs.getUsableSpace(), net[0], net[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the host's metrics", e);
        }
    }

    private BtrfsStore store() {
        try {
            return new BtrfsStore(lxcPath);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the mounts", e);
        }
    }

    private ContainerMetrics of(ContainerInfo info, BtrfsStore store) {
        Path dir = lxcPath.resolve(info.name());
        long diskBytes = disk.of(dir, rootfsPath(dir), store);
        Instant at = Instant.now();
        if (info.state().isActive() && info.pid() > 0) {
            try {
                return running(info, ContainerCgroup.of(mounts, info.name(), info.pid()), at, diskBytes);
            } catch (IOException e) {
                // init exited since the state was read: the container is stopping, report it as idle
            }
        }
        return new ContainerMetrics(info.name(), info.state(), at, 0, 0, 0, 0, 0, diskBytes, 0, 0);
    }

    private ContainerMetrics running(ContainerInfo info, ContainerCgroup cg, Instant at, long diskBytes)
            throws IOException {
        boolean v2 = cg.isUnified();
        long cpu = v2 ? cg.readKeyed("cpu.stat", "usage_usec", 0) * 1000 : cg.readLong("cpuacct.usage", 0);
        long[] net = ProcFiles.netDev(Files.readAllLines(Path.of("/proc", Integer.toString(info.pid()), "net", "dev")),
                n -> !n.equals("lo"));
        return new ContainerMetrics(info.name(), info.state(), at, cpu,
                cg.readLong(v2 ? "memory.current" : "memory.usage_in_bytes", 0),
                cg.readLong(v2 ? "memory.peak" : "memory.max_usage_in_bytes", -1),
                cg.readKeyed(v2 ? "memory.events" : "memory.oom_control", "oom_kill", 0), cg.readLong("pids.current", 0),
                diskBytes, net[0], net[1]);
    }

    private static String rootfsPath(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("config"))) {
                String t = line.strip();
                if (t.startsWith("lxc.rootfs.path") && t.indexOf('=') > 0) {
                    return t.substring(t.indexOf('=') + 1).strip();
                }
            }
        } catch (IOException e) {
            // destroyed meanwhile
        }
        return null;
    }
}
