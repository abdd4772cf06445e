package io.peeros.container.lxc.internal.quota;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Editing the quota keys of an LXC config leaves every other line alone; the record round-trips. */
public class ConfigFileTest {

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static final String CONFIG = """
            # PeerOS container web, template busybox
            lxc.include = /usr/share/lxc/config/common.conf
            lxc.cgroup2.memory.max = 1
            lxc.net.0.type = veth
            lxc.cgroup.pids.max=7
            lxc.uts.name = web
            """;

    @Test
    public void quotaKeysAreReplacedUnderOneMarker() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("lxc.cgroup2.memory.max", "268435456");
        entries.put("lxc.cgroup2.pids.max", "100");

        String once = ConfigFile.rewrite(CONFIG, CgroupLimits.KEYS, entries);
        String twice = ConfigFile.rewrite(once, CgroupLimits.KEYS, entries);

        assertEquals("""
                # PeerOS container web, template busybox
                lxc.include = /usr/share/lxc/config/common.conf
                lxc.net.0.type = veth
                lxc.uts.name = web
                %s
                lxc.cgroup2.memory.max = 268435456
                lxc.cgroup2.pids.max = 100
                """.formatted(ConfigFile.MARKER), once);
        assertEquals(once, twice);
        assertEquals("""
                # PeerOS container web, template busybox
                lxc.include = /usr/share/lxc/config/common.conf
                lxc.net.0.type = veth
                lxc.uts.name = web
                """, ConfigFile.rewrite(once, CgroupLimits.KEYS, Map.of()));
        assertEquals("7", ConfigFile.entries(CONFIG).get("lxc.cgroup.pids.max"));
    }

    @Test
    public void writesKeepPermissionsAndLeaveNoTemporaryFile() throws Exception {
        Path config = tmp.newFile("config").toPath();
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        ConfigFile.write(config, CONFIG);
        assertEquals(CONFIG, Files.readString(config));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config)));
        try (var files = Files.list(tmp.getRoot().toPath())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    public void theRecordRoundTripsAndVanishesWhenEmpty() throws Exception {
        Path dir = tmp.getRoot().toPath();
        QuotaRecord r = new QuotaRecord(32L << 20, 258, 8_000_000L);
        r.write(dir);
        assertEquals(r, QuotaRecord.read(dir));
        QuotaRecord.NONE.write(dir);
        assertEquals(QuotaRecord.NONE, QuotaRecord.read(dir));
        assertEquals(false, Files.exists(dir.resolve(QuotaRecord.FILE)));
        assertNull(QuotaRecord.NONE.format());
    }

    @Test
    public void theWritableLayerFollowsTheRootfsType() {
        Path dir = Path.of("/var/lib/lxc/web");
        assertEquals(dir.resolve("rootfs"), BtrfsStore.writableLayer(dir, "dir:/var/lib/lxc/web/rootfs"));
        assertEquals(dir.resolve("rootfs"), BtrfsStore.writableLayer(dir, "/var/lib/lxc/web/rootfs"));
        assertEquals(dir.resolve("overlay"),
                BtrfsStore.writableLayer(dir, "overlay:/var/lib/lxc/base/rootfs:/var/lib/lxc/web/overlay/delta"));
        assertNull(BtrfsStore.writableLayer(dir, "overlay:/var/lib/lxc/base/rootfs:/elsewhere/delta"));
        assertNull(BtrfsStore.writableLayer(dir, "loop:/var/lib/lxc/web/rootdev"));
        assertNull(BtrfsStore.writableLayer(dir, null));
    }
}
