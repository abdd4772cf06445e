package io.peeros.container.lxc.internal.quota;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.Quota;
import io.peeros.container.api.QuotaService;
import io.peeros.container.api.SizeClass;
import io.peeros.container.lxc.internal.cgroup.CgroupMounts;
import io.peeros.container.lxc.internal.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link QuotaService} over cgroups (v2, or v1 on hybrid hosts), btrfs qgroups and tc. A quota is checked
 * whole against the host, then applied step by step with an {@link Undo} for each step, then written to the
 * container's LXC config ({@code lxc.cgroup2.*} or {@code lxc.cgroup.*}, which LXC applies at every start)
 * and to {@link QuotaRecord} (disk and network). A network limit on a container without a veth yet is
 * applied by a check every {@code networkCheckSeconds} once the veth exists.
 */
@Component(service = QuotaService.class, configurationPid = "io.peeros.container.lxc.LxcQuotaService")
@Designate(ocd = LxcQuotaService.Config.class)
public class LxcQuotaService implements QuotaService {

    @ObjectClassDefinition(name = "PeerOS container quotas", description = "Size classes default to Subutai's")
    public @interface Config {
        @AttributeDefinition(description = "LXC directory of the containers (the manager's lxcPath)")
        String lxcPath() default "/var/lib/lxc";

        @AttributeDefinition(description = "Seconds between checks that network limits hold on running containers")
        int networkCheckSeconds() default 2;

        long tinyMemoryMiB() default 256;

        int tinyCpuPercent() default 10;

        long tinyDiskGiB() default 4;

        long smallMemoryMiB() default 512;

        int smallCpuPercent() default 25;

        long smallDiskGiB() default 10;

        long mediumMemoryMiB() default 1024;

        int mediumCpuPercent() default 50;

        long mediumDiskGiB() default 20;

        long largeMemoryMiB() default 2048;

        int largeCpuPercent() default 75;

        long largeDiskGiB() default 40;

        long hugeMemoryMiB() default 4096;

        int hugeCpuPercent() default 100;

        long hugeDiskGiB() default 100;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LxcQuotaService.class);

    private final ContainerManager manager;
    private final CgroupMounts mounts;
    private final NameLocks locks = new NameLocks();
    private final ScheduledExecutorService checker;
    private volatile Path lxcPath;
    private volatile Map<SizeClass, Quota> sizeClasses;
    private volatile NetworkShaper shaper;
    private ScheduledFuture<?> networkCheck;

    @Activate
    public LxcQuotaService(@Reference(name = "manager") ContainerManager manager, Config config) throws IOException {
        this.manager = manager;
        this.mounts = CgroupMounts.read();
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peeros-quota-network");
            t.setDaemon(true);
            return t;
        });
        modified(config);
        LOG.info("container quotas on {} in {}", mounts, lxcPath);
    }

    @Modified
    synchronized void modified(Config config) {
        Map<SizeClass, Quota> classes = SizeClasses.from(config);
        Path path = Path.of(config.lxcPath()).normalize();
        if (!path.isAbsolute() || config.networkCheckSeconds() <= 0) {
            throw new IllegalArgumentException("lxcPath must be absolute and networkCheckSeconds positive: "
                    + config.lxcPath() + ", " + config.networkCheckSeconds());
        }
        if (!path.equals(lxcPath)) {
            shaper = new NetworkShaper(path);
        }
        lxcPath = path;
        sizeClasses = classes;
        if (networkCheck != null) {
            networkCheck.cancel(false);
        }
        networkCheck = checker.scheduleWithFixedDelay(this::checkNetworkLimits, config.networkCheckSeconds(),
                config.networkCheckSeconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        checker.shutdownNow();
    }

    @Override
    public Quota quota(String name) {
        manager.info(name);
        try {
            return read(dir(name));
        } catch (IOException e) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "could not read the quota of " + name
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Quota setQuota(String name, Quota quota) {
        if (quota == null) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "a quota is needed (Quota.NONE for none)");
        }
        ReentrantLock lock = locks.of(name);
        lock.lock();
        try {
            ContainerInfo info = manager.info(name);
            new QuotaChange(info, dir(name), quota, mounts, shaper, this::isActive).run();
            return quota(name);
        } catch (IOException e) {
            throw new ContainerException(ContainerException.LXC_FAILURE, "could not read the host or the files of "
                    + name + "; nothing was changed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Quota setSizeClass(String name, SizeClass sizeClass) {
        if (sizeClass == null) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "a size class is needed: one of "
                    + sizeClasses.keySet());
        }
        ReentrantLock lock = locks.of(name);
        lock.lock();
        try {
            return setQuota(name, quota(name).merge(sizeClasses.get(sizeClass)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<SizeClass, Quota> sizeClasses() {
        return sizeClasses;
    }

    private boolean isActive(String name) {
        try {
            return manager.state(name).isActive();
        } catch (ContainerException e) {
            return false;
        }
    }

    private Path dir(String name) {
        return lxcPath.resolve(name);
    }

    /** The limits in the container's LXC config, plus its disk and network limits. */
    static Quota read(Path dir) throws IOException {
        Quota cgroups = CgroupLimits.fromConfig(ConfigFile.entries(ConfigFile.read(dir.resolve("config"))));
        QuotaRecord r = QuotaRecord.read(dir);
        return cgroups.withDiskBytes(r.diskBytes()).withNetworkBitsPerSecond(r.networkBitsPerSecond());
    }

    /** Puts network limits on running containers whose veth appeared since, and removes unused ifbs. */
    void checkNetworkLimits() {
        NetworkShaper s = shaper;
        if (!Files.isDirectory(lxcPath)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(lxcPath)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(QuotaRecord.FILE))).toList()) {
                checkNetworkLimit(s, dir);
            }
            s.removeOrphans();
        } catch (IOException | RuntimeException e) {
            LOG.warn("network limit check failed: {}", e.getMessage());
        }
    }

    private void checkNetworkLimit(NetworkShaper s, Path dir) {
        String name = dir.getFileName().toString();
        ReentrantLock lock = locks.of(name);
        lock.lock();
        try {
            Long bits = QuotaRecord.read(dir).networkBitsPerSecond();
            ContainerInfo info = manager.info(name);
            if (bits != null && info.state().isActive() && info.pid() > 0) {
                s.ensure(name, info.pid(), bits);
            } else {
                s.forget(name);
            }
        } catch (IOException | ContainerException e) {
            LOG.debug("network limit of {} not checked: {}", name, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** For tests: the cgroups of a running container, as the service finds them. */
    ContainerCgroup cgroupOf(String name, int pid) throws IOException {
        return ContainerCgroup.of(mounts, name, pid);
    }
}
