package io.peeros.container.template.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.TemplateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.Test;

/** The rootfs entry check on hand-made tar streams: what passes is copied unchanged, what is refused is not copied. */
public class RootfsTarCheckTest {

    @Test
    public void aNormalTreePassesUnchanged() throws IOException {
        byte[] tar = new Forge.RawTar().dir("./").dir("./etc").file("./etc/hostname", "x\n").symlink("./bin", "usr/bin")
                .symlink("./abs", "/etc/passwd").symlink("./up", "../../..").hardlink("./etc/name", "etc/hostname")
                .gnuLongName("usr/" + "long/".repeat(40) + "file").file("ignored-short-name", "long").end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootfsTarCheck check = new RootfsTarCheck(tar.length);
        assertEquals(tar.length, check.copy(new ByteArrayInputStream(tar), out, n -> { }));
        assertArrayEquals(tar, out.toByteArray());
        assertEquals(8, check.entries());
    }

    @Test
    public void refusedEntriesNeverReachTheOutput() throws IOException {
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().dir("./").file("../x", "x"), "'..'");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().file("/etc/cron.d/x", "x"), "absolute");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().gnuLongName("a/../../x").file("a", "x"), "'..'");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().pax("path", "/root/.ssh/authorized_keys")
                .file("x", "x"), "absolute");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().symlink("etc", "/etc").file("etc/passwd", "x"),
                "symlink etc");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().symlink("a", "b").dir("a/c"), "symlink a");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().symlink("s", "/").hardlink("h", "s/etc/shadow"),
                "symlink s");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().pax("linkpath", "../../etc/shadow")
                .hardlink("h", "ok"), "'..'");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().device("dev/mem"), "device node");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().add("dev/sda", TarHeader.BLOCK_DEVICE,
                new byte[0], null), "device node");
        assertRefused(TemplateException.UNSAFE_ENTRY, new Forge.RawTar().pax("path", "../../etc/x.conf",
                TarHeader.PAX_GLOBAL).file("x", "x"), "global");
    }

    @Test
    public void malformedStreamsAreRefused() throws IOException {
        assertRefused(TemplateException.INVALID_ARCHIVE, new Forge.RawTar().pax("GNU.sparse.major", "1").file("x", "x"),
                "sparse");
        assertRefused(TemplateException.INVALID_ARCHIVE, new Forge.RawTar().pax("path", "a").pax("path", "b")
                .file("x", "x"), "two pax");
        assertRefused(TemplateException.INVALID_ARCHIVE, new Forge.RawTar().gnuLongName("a").pax("path", "b")
                .file("x", "x"), "both");
        assertRefused(TemplateException.INVALID_ARCHIVE, new Forge.RawTar().add("d", TarHeader.DIRECTORY,
                new byte[512], null), "carries");
        assertRefused(TemplateException.INVALID_ARCHIVE, new Forge.RawTar().add("s", (byte) 'S', new byte[0], null),
                "unsupported");

        byte[] tar = new Forge.RawTar().file("x", "x").end();
        byte[] damaged = tar.clone();
        damaged[10] ^= 1;
        assertRefused(TemplateException.INVALID_ARCHIVE, damaged, "damaged");
        assertRefused(TemplateException.INVALID_ARCHIVE, Arrays.copyOf(tar, 1024), "end-of-archive");
        byte[] trailing = Arrays.copyOf(tar, tar.length + 512);
        trailing[tar.length + 3] = 'x';
        assertRefused(TemplateException.INVALID_ARCHIVE, trailing, "after the end");
        try {
            new RootfsTarCheck(tar.length - 1).copy(new ByteArrayInputStream(tar), null, n -> { });
            fail("a stream beyond its signed size passed");
        } catch (TemplateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("larger than"));
        }
    }

    /** Refused, and nothing of the refused entry (the last) nor the end marker was passed on. */
    private static void assertRefused(String code, Forge.RawTar tar, String words) throws IOException {
        byte[] bytes = tar.end();
        ByteArrayOutputStream out = assertRefused(code, bytes, words);
        assertTrue(out.size() <= bytes.length - 3 * TarHeader.BLOCK);
    }

    private static ByteArrayOutputStream assertRefused(String code, byte[] tar, String words) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new RootfsTarCheck(Long.MAX_VALUE).copy(new ByteArrayInputStream(tar), out, n -> { });
            fail("passed: " + words);
        } catch (TemplateException e) {
            assertEquals(e.getMessage(), code, e.code());
            assertTrue(e.getMessage() + " should say " + words, e.getMessage().contains(words));
        }
        return out;
    }
}
