package io.peeros.container.template.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Templates and real LXC containers: a template in use cannot be removed; a stopped, a frozen and an overlay
 * clone container export as signed templates that import again, with the container's template as parent.
 */
public class ContainerExportTest extends TemplateTestSupport {

    private static TemplateStoreService store;
    private static Path busyboxArchive;

    @BeforeClass
    public static void importBusybox() throws Exception {
        store = newStore("store");
        busyboxArchive = work.resolve("busybox.tar");
        store.build(busyboxDir, "busybox", "1.0.0", null, busyboxArchive, null);
        store.importArchive(busyboxArchive, null);
    }

    @Test
    public void aTemplateInUseCannotBeRemoved() throws Exception {
        // given a second template and a container created from it
        Path archive = work.resolve("busybox-1.1.0.tar");
        store.build(busyboxDir, "busybox", "1.1.0", null, archive, null);
        store.importArchive(archive, null);
        String c = name("use");
        ContainerInfo info = containers.create(c, store.get("busybox", "1.1.0"));
        assertEquals("busybox:1.1.0", info.template());

        // when / then: removal is refused and names the container; the template stays
        ContainerException e = refused(ContainerException.IN_USE, () -> store.remove("busybox", "1.1.0"));
        assertTrue(e.getMessage().contains(c));
        refused(ContainerException.IN_USE, () -> store.remove("busybox", null));
        assertEquals("busybox:1.1.0", store.get("busybox", null).name());

        // and once the container is gone, it goes
        containers.destroy(c);
        store.remove("busybox", "1.1.0");
        assertEquals("busybox:1.0.0", store.get("busybox", null).name());
        assertStoreHolds(work.resolve("store"), "busybox:1.0.0");
    }

    @Test
    public void aStoppedContainerExportsAndImportsAsAChildTemplate() throws Exception {
        // given a container that was changed while running and then stopped
        String c = name("stopped");
        containers.create(c, store.get("busybox", null));
        containers.start(c);
        exec(c, "echo stopped-marker > /root/marker && rm /etc/hostname");
        containers.stop(c, Duration.ofSeconds(5));

        // when
        Path archive = work.resolve("exported-stopped.tar");
        TemplateInfo info = store.export(c, "bb-stopped", "1.0.0", archive, null);

        // then it names its template as parent, imports, and a new container from it has the change
        assertEquals("busybox:1.0.0", info.parent());
        assertEquals(identity.peerId(), info.publisher());
        store.importArchive(archive, null);
        Template t = store.get("bb-stopped", null);
        assertFalse(Files.exists(t.rootfs().resolve("etc/hostname"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("lxc.include = /usr/share/lxc/config/common.conf\nlxc.net.0.type = empty\nlxc.init.cmd = /sbin/init\n",
                Files.readString(t.config()));
        String child = name("child");
        containers.create(child, t);
        containers.start(child);
        assertEquals("stopped-marker\n", exec(child, "cat /root/marker"));

        // and the parent cannot go while the child template exists
        ContainerException e = refused(ContainerException.IN_USE, () -> store.remove("busybox", "1.0.0"));
        assertTrue(e.getMessage().contains("bb-stopped:1.0.0"));
        containers.destroy(child);
        store.remove("bb-stopped", null);
    }

    @Test
    public void aFrozenContainerExportsItsRootFileSystemOnly() throws Exception {
        // given a running container, changed, then frozen
        String c = name("frozen");
        containers.create(c, store.get("busybox", null));
        containers.start(c);
        exec(c, "echo frozen-marker > /home/peer/marker && chown 1000:1000 /home/peer/marker && echo tmpfs > /tmp/not-rootfs");
        containers.freeze(c);

        // when
        Path archive = work.resolve("exported-frozen.tar");
        store.export(c, "bb-frozen", "1.0.0", archive, null);

        // then the container is still frozen, and the template holds the rootfs change but not the tmpfs or /proc
        assertEquals(ContainerState.FROZEN, containers.state(c));
        containers.unfreeze(c);
        store.importArchive(archive, null);
        Path rootfs = store.get("bb-frozen", null).rootfs();
        assertEquals("frozen-marker\n", Files.readString(rootfs.resolve("home/peer/marker")));
        assertEquals(1000, Files.getAttribute(rootfs.resolve("home/peer/marker"), "unix:uid"));
        assertFalse(Files.exists(rootfs.resolve("tmp/not-rootfs")));
        try (var proc = Files.list(rootfs.resolve("proc"))) {
            assertEquals(0, proc.count());
        }
        store.remove("bb-frozen", null);
    }

    @Test
    public void anOverlayCloneExportsItsMergedView() throws Exception {
        // given an overlay clone whose delta adds a file and deletes one of its source
        String base = name("base");
        String clone = name("clone");
        containers.create(base, store.get("busybox", null));
        containers.clone(base, clone);
        containers.start(clone);
        exec(clone, "echo clone-marker > /root/marker && rm /etc/group");
        containers.stop(clone, Duration.ofSeconds(5));

        // when
        Path archive = work.resolve("exported-clone.tar");
        TemplateInfo info = store.export(clone, "bb-clone", "1.0.0", archive, null);

        // then the template is the merged view (the whiteout honoured), and no mount is left on the host
        assertEquals("busybox:1.0.0", info.parent());
        store.importArchive(archive, null);
        Path rootfs = store.get("bb-clone", null).rootfs();
        assertEquals("clone-marker\n", Files.readString(rootfs.resolve("root/marker")));
        assertFalse(Files.exists(rootfs.resolve("etc/group"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(rootfs.resolve("etc/passwd")));
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(work.toString()));
        store.remove("bb-clone", null);

        // and the same clone running and frozen exports the same files
        containers.start(clone);
        containers.freeze(clone);
        store.export(clone, "bb-clone", "1.0.1", archive, null);
        containers.stop(clone, Duration.ZERO);
        store.importArchive(archive, null);
        rootfs = store.get("bb-clone", "1.0.1").rootfs();
        assertEquals("clone-marker\n", Files.readString(rootfs.resolve("root/marker")));
        assertFalse(Files.exists(rootfs.resolve("etc/group"), LinkOption.NOFOLLOW_LINKS));
        store.remove("bb-clone", null);
    }

    @Test
    public void aRunningContainerIsNotExported() throws Exception {
        String c = name("running");
        containers.create(c, store.get("busybox", null));
        containers.start(c);
        refused(ContainerException.INVALID_STATE, () -> store.export(c, "x", "1.0.0", work.resolve("x.tar"), null));
        assertFalse(Files.exists(work.resolve("x.tar")));
        refused(ContainerException.NOT_FOUND, () -> store.export(name("ghost"), "x", "1.0.0", work.resolve("x.tar"), null));
        refused(ContainerException.INVALID_NAME, () -> store.build(busyboxDir, "Bad_Name", "1.0.0", null,
                work.resolve("x.tar"), null));
        refused(TemplateException.PARENT_MISSING, () -> store.build(busyboxDir, "x", "1.0.0", "nope:1.0.0",
                work.resolve("x.tar"), null));
        assertStoreHolds(work.resolve("store"), "busybox:1.0.0");
    }

    private static String exec(String container, String script) {
        var r = containers.exec(container, ExecRequest.of("/bin/sh", "-c", script));
        assertEquals(r.stderr(), 0, r.exitCode());
        return r.stdout();
    }
}
