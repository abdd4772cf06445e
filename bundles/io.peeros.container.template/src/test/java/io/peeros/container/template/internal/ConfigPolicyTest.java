package io.peeros.container.template.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.TemplateException;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** What a template's LXC config fragment may say. */
public class ConfigPolicyTest {

    private final ConfigPolicy policy = new ConfigPolicy(Set.of("/usr/share/lxc/config/common.conf"));

    @Test
    public void theRecipesConfigsAndTheSystemKeysAreAllowed() {
        policy.check("""
                # comment
                lxc.include = /usr/share/lxc/config/common.conf
                lxc.arch = amd64
                lxc.net.0.type = empty
                lxc.init.cmd = /sbin/init
                lxc.signal.halt = SIGRTMIN+3
                lxc.signal.stop = SIGKILL
                lxc.autodev = 1
                lxc.tty.max = 4
                lxc.pty.max = 1024
                lxc.environment = LANG=C.UTF-8
                lxc.cap.drop = sys_admin net_raw
                lxc.mount.auto = proc:mixed sys:ro cgroup:mixed
                lxc.mount.entry = tmpfs run tmpfs rw,nosuid,nodev,create=dir 0 0
                lxc.apparmor.profile = generated
                lxc.no_new_privs = 1
                """);
    }

    @Test
    public void whatReachesTheHostOrBelongsToThePeerIsRefused() {
        for (String line : List.of("lxc.hook.start-host = /bin/sh -c id", "lxc.hook.mount = /x",
                "lxc.apparmor.profile = unconfined", "lxc.apparmor.allow_nesting = 1",
                "lxc.mount.entry = /home home none bind,create=dir 0 0", "lxc.mount.entry = tmpfs /etc tmpfs rw 0 0",
                "lxc.mount.entry = tmpfs ../../x tmpfs rw 0 0", "lxc.mount.entry = /dev/sda1 mnt ext4 rw 0 0",
                "lxc.mount.fstab = /etc/fstab", "lxc.mount.auto = proc:rw", "lxc.mount.auto = cgroup:rw:force",
                "lxc.include = /usr/share/lxc/config/nesting.conf", "lxc.include = /etc/passwd",
                "lxc.include = /usr/share/lxc/config/../../../../etc/x", "lxc.cgroup2.devices.allow = a",
                "lxc.cgroup.memory.limit_in_bytes = 1", "lxc.net.0.type = none", "lxc.net.0.link = eth0",
                "lxc.idmap = u 0 100000 65536", "lxc.namespace.share.net = 1", "lxc.seccomp.profile = /dev/null",
                "lxc.console.logfile = /etc/shadow", "lxc.log.file = /etc/x", "lxc.rootfs.path = dir:/",
                "lxc.uts.name = x", "lxc.start.auto = 1", "lxc.cap.keep = sys_module", "lxc.environment = HOME",
                "lxc.prlimit.nofile = unlimited", "lxc.sysctl.net.ipv4.ip_forward = 1", "lxc.ephemeral = 1",
                "lxc.net.0.type", "nonsense = 1")) {
            try {
                policy.check("lxc.arch = amd64\n" + line + "\n");
                fail("allowed: " + line);
            } catch (TemplateException e) {
                assertEquals(TemplateException.CONFIG_REFUSED, e.code());
                assertTrue(e.getMessage(), e.getMessage().startsWith("config line 2 '" + line + "'"));
            }
        }
    }

    @Test
    public void exportKeepsOnlyWhatATemplateMaySay() {
        String container = """
                # PeerOS container a, template busybox:1.0.0. The peer owns lxc.uts.name and lxc.rootfs.path.
                lxc.include = /usr/share/lxc/config/common.conf
                lxc.net.0.type = veth
                lxc.net.0.link = peeros0
                lxc.net.0.ipv4.address = 10.0.0.2/24
                lxc.cgroup2.memory.max = 268435456
                lxc.init.cmd = /sbin/init
                lxc.uts.name = a
                lxc.rootfs.path = dir:/var/lib/lxc/a/rootfs
                """;
        assertEquals("lxc.include = /usr/share/lxc/config/common.conf\nlxc.init.cmd = /sbin/init\n",
                policy.filter(container));
    }
}
