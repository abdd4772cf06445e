package io.peeros.container.template.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.identity.internal.peer.PeerIdentityService;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Build, import, list, get and the refusals of import: every bad archive is refused with its own code and
 * leaves the store exactly as it was. Real files, real zstd and tar, real signatures.
 */
public class ImportVerificationTest extends TemplateTestSupport {

    private static Path good;
    private static TemplateInfo built;

    @BeforeClass
    public static void buildBusybox() throws Exception {
        good = work.resolve("busybox-1.0.0.tar");
        built = newStore("builder").build(busyboxDir, "busybox", "1.0.0", null, good, TemplateProgress.NONE);
    }

    @Test
    public void buildImportListGetRoundTrip() throws Exception {
        // given
        TemplateStoreService store = newStore("roundtrip");
        List<String> steps = new ArrayList<>();
        long size = Files.size(good);

        // when
        TemplateInfo info = store.importArchive(good, (step, done, total) -> steps.add(step + " " + done + "/" + total));

        // then the metadata is the one that was built and signed by this peer
        assertEquals(built, info);
        assertEquals("busybox:1.0.0", info.id());
        assertEquals(identity.peerId(), info.publisher());
        assertNull(info.parent());
        assertTrue(steps.contains("read " + size + "/" + size));
        assertTrue(steps.contains("extract " + info.rootfsSize() + "/" + info.rootfsSize()));
        assertEquals(List.of(info), store.list());
        assertEquals(info, store.info("busybox", null));

        // and the unpacked template is what the recipe made: owners, modes, links, config
        Template t = store.get("busybox", null);
        assertEquals("busybox:1.0.0", t.name());
        assertEquals(work.resolve("roundtrip/busybox/1.0.0"), t.directory());
        assertEquals(Files.readString(busyboxDir.resolve("config")), Files.readString(t.config()));
        assertEquals(1000, Files.getAttribute(t.rootfs().resolve("home/peer"), "unix:uid"));
        assertEquals(01777, (int) Files.getAttribute(t.rootfs().resolve("tmp"), "unix:mode") & 07777);
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(t.rootfs().resolve("bin/sh")));
        assertArrayEquals(Files.readAllBytes(busyboxDir.resolve("rootfs/bin/busybox")),
                Files.readAllBytes(t.rootfs().resolve("bin/busybox")));
        assertTrue(Files.isDirectory(t.rootfs().resolve("dev"), LinkOption.NOFOLLOW_LINKS));
        assertStoreHolds(work.resolve("roundtrip"), "busybox:1.0.0");

        // the same name and version again is refused, and the stored archive is importable elsewhere
        refused(TemplateException.TEMPLATE_EXISTS, () -> store.importArchive(good, null));
        Path copy = work.resolve("served.tar");
        try (OutputStream out = Files.newOutputStream(copy)) {
            store.writeArchive("busybox", "1.0.0", out);
        }
        TemplateStoreService other = newStore("roundtrip-other");
        assertEquals(info, other.importArchive(copy, null));
        other.remove("busybox", null);
        assertStoreHolds(work.resolve("roundtrip-other"));
        refused(ContainerException.NOT_FOUND, () -> other.get("busybox", null));
    }

    @Test
    public void newestVersionIsTheDefault() throws Exception {
        TemplateStoreService store = newStore("versions");
        Forge.Parts p = Forge.read(good);
        String config = new String(p.config, StandardCharsets.UTF_8);
        for (String v : List.of("1.2.0-rc.1", "1.10.0", "1.2.0", "1.9.3")) {
            store.importArchive(p.resigned(identity, config, null, "bb", v).write(work.resolve("bb-" + v + ".tar")), null);
        }
        assertEquals(List.of("1.2.0-rc.1", "1.2.0", "1.9.3", "1.10.0"),
                store.list().stream().map(TemplateInfo::version).toList());
        assertEquals("bb:1.10.0", store.get("bb", null).name());
        store.remove("bb", null);
        assertStoreHolds(work.resolve("versions"));
    }

    @Test
    public void tamperedRootfsIsRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        p.rootfs[p.rootfs.length / 2] ^= 0x01;
        assertRefusedAndClean(TemplateException.HASH_MISMATCH, p.write(work.resolve("tampered-rootfs.tar")), "rootfs");
    }

    @Test
    public void tamperedConfigIsRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        p.config = new String(p.config, StandardCharsets.UTF_8).replace("empty", "phys ").getBytes(StandardCharsets.UTF_8);
        assertRefusedAndClean(TemplateException.HASH_MISMATCH, p.write(work.resolve("tampered-config.tar")), "config");
    }

    @Test
    public void tamperedMetadataIsRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        p.metadata = new String(p.metadata, StandardCharsets.UTF_8).replace("\"1.0.0\"", "\"1.0.1\"")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedAndClean(TemplateException.BAD_SIGNATURE, p.write(work.resolve("tampered-metadata.tar")), "signature");
    }

    @Test
    public void unsignedArchiveIsRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        p.signature = null;
        assertRefusedAndClean(TemplateException.UNSIGNED, p.write(work.resolve("unsigned.tar")), "not signed");
        Forge.Parts empty = Forge.read(good);
        empty.signature = new byte[0];
        assertRefusedAndClean(TemplateException.UNSIGNED, empty.write(work.resolve("empty-sig.tar")), "not signed");
    }

    @Test
    public void signatureOfAnotherKeyIsRefused() throws Exception {
        PeerIdentityService mallory = newIdentity(work.resolve("mallory"));
        Forge.Parts p = Forge.read(good);
        p.signature = mallory.sign(p.metadata);
        assertRefusedAndClean(TemplateException.BAD_SIGNATURE, p.write(work.resolve("wrong-key.tar")), "signature");
    }

    @Test
    public void untrustedPublisherIsRefusedUntilTrusted() throws Exception {
        // given an archive well signed by a peer this one does not trust
        PeerIdentityService stranger = newIdentity(work.resolve("stranger"));
        Forge.Parts p = Forge.read(good);
        Path archive = p.resigned(stranger, new String(p.config, StandardCharsets.UTF_8), null, "busybox", "1.0.0")
                .write(work.resolve("stranger.tar"));

        // when / then
        ContainerException e = assertRefusedAndClean(TemplateException.UNTRUSTED_PUBLISHER, archive, stranger.peerId());

        // and once the peer is trusted, the same archive imports
        trust.trust(stranger.peerId(), stranger.certificate());
        try {
            TemplateStoreService store = newStore("trusted");
            assertEquals(stranger.peerId(), store.importArchive(archive, null).publisher());
        } finally {
            trust.revoke(stranger.peerId());
        }
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    public void disallowedConfigKeysAreRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        String base = new String(p.config, StandardCharsets.UTF_8);
        for (String line : List.of("lxc.hook.pre-start = /bin/touch /tmp/owned", "lxc.apparmor.profile = unconfined",
                "lxc.mount.entry = /etc etc/host none bind 0 0", "lxc.include = /usr/share/lxc/config/nesting.conf",
                "lxc.cgroup2.devices.allow = b 8:* rwm", "lxc.environment = PATH")) {
            Path archive = p.resigned(identity, base + line + "\n", null, "busybox", "1.0.0")
                    .write(work.resolve("config-refused.tar"));
            assertRefusedAndClean(TemplateException.CONFIG_REFUSED, archive, line.substring(0, 12));
        }
    }

    @Test
    public void pathTraversalAndDevicesInTheRootfsAreRefused() throws Exception {
        Forge.Parts p = Forge.read(good);
        String config = new String(p.config, StandardCharsets.UTF_8);
        List<byte[]> rootfses = List.of(
                new Forge.RawTar().dir("./").file("./../../victim", "owned").end(),
                new Forge.RawTar().dir("./").file("/var/tmp/victim", "owned").end(),
                new Forge.RawTar().dir("./").symlink("./up", work.toString()).file("./up/victim", "owned").end(),
                new Forge.RawTar().dir("./").hardlink("./shadow", "../../etc/shadow").end(),
                new Forge.RawTar().dir("./").pax("path", "../../victim").file("./harmless", "owned").end(),
                new Forge.RawTar().dir("./").device("./dev/sda").end());
        for (byte[] rootfs : rootfses) {
            Path archive = p.resigned(identity, config, rootfs, "busybox", "1.0.0").write(work.resolve("evil.tar"));
            assertRefusedAndClean(TemplateException.UNSAFE_ENTRY, archive, "rootfs");
            assertFalse(Files.exists(Path.of("/var/tmp/victim"), LinkOption.NOFOLLOW_LINKS));
            try (var all = Files.walk(work)) {
                assertEquals(List.of(), all.filter(f -> f.getFileName().toString().equals("victim")).toList());
            }
        }
    }

    @Test
    public void aParentThatIsNotStoredIsRefused() throws Exception {
        // given a child of busybox:1.0.0, signed by this peer
        TemplateStoreService builder = newStore("chain-builder");
        builder.importArchive(good, null);
        Path child = work.resolve("child.tar");
        TemplateInfo info = builder.build(busyboxDir, "child", "1.0.0", "busybox:1.0.0", child, null);
        assertEquals("busybox:1.0.0", info.parent());

        // when / then: a store without the parent refuses it
        assertRefusedAndClean(TemplateException.PARENT_MISSING, child, "busybox:1.0.0");

        // and takes it once the parent is there, which can then not be removed
        TemplateStoreService store = newStore("chain");
        store.importArchive(good, null);
        store.importArchive(child, null);
        refused(ContainerException.IN_USE, () -> store.remove("busybox", "1.0.0"));
        store.remove("child", null);
        store.remove("busybox", null);
        assertStoreHolds(work.resolve("chain"));
    }

    @Test
    public void garbageIsNotAnArchive() throws Exception {
        Path junk = Files.write(work.resolve("junk.tar"), "hello".repeat(300).getBytes(StandardCharsets.UTF_8));
        assertRefusedAndClean(TemplateException.INVALID_ARCHIVE, junk, "valid");
        Forge.Parts p = Forge.read(good);
        Path extra = work.resolve("extra.tar");
        try (OutputStream out = Files.newOutputStream(extra)) {
            TarOut tar = new TarOut(out, 0);
            tar.entry("metadata.json", p.metadata);
            tar.entry("metadata.sig", p.signature);
            tar.entry("config", p.config);
            tar.entry("rootfs.tar.zst", p.rootfs);
            tar.entry("README", new byte[3]);
            tar.finish();
        }
        assertRefusedAndClean(TemplateException.INVALID_ARCHIVE, extra, "README");
        refused(ContainerException.NOT_FOUND, () -> newStore("missing").importArchive(work.resolve("nope.tar"), null));
    }

    /** Imports into a fresh store: refused with {@code code}, the message mentions {@code words}, nothing stays. */
    private static ContainerException assertRefusedAndClean(String code, Path archive, String words) throws Exception {
        String dir = "refused-" + Long.toHexString(System.nanoTime());
        TemplateStoreService store = newStore(dir);
        ContainerException e = refused(code, () -> store.importArchive(archive, null));
        assertTrue(e.getMessage() + " should mention " + words, e.getMessage().contains(words));
        assertTrue(store.list().isEmpty());
        assertStoreHolds(work.resolve(dir));
        try (var s = Files.list(work.resolve(dir))) {
            assertEquals(List.of(), s.toList());
        }
        return e;
    }
}
