package io.peeros.container.lxc.internal;

import static io.peeros.container.lxc.internal.LxcContainerManagerTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** Refusals: bad names, taken names, broken templates, impossible clones; none leaves anything behind. */
public class NamesAndFailuresTest extends LxcTestSupport {

    private static final List<String> BAD = Arrays.asList(null, "", "A", "Web", "1web", "-web", "web_1", "web.1", "a/b",
            "../etc", "..", "a b", "web\n", "é", "a".repeat(64));

    @Test
    public void badNamesAreRefusedWithTheRule() throws Exception {
        String good = name("src");
        manager.create(good, busybox);
        for (String bad : BAD) {
            assertRefused(bad, () -> manager.create(bad, busybox));
            assertRefused(bad, () -> manager.clone(good, bad));
            assertRefused(bad, () -> manager.start(bad));
            assertRefused(bad, () -> manager.destroy(bad));
            assertRefused(bad, () -> manager.info(bad));
        }
        assertEquals(List.of(lxcPath.resolve(good)), containerDirs());
        assertTrue(ContainerNames.isValid("a"));
        assertTrue(ContainerNames.isValid("a".repeat(63)));
        assertTrue(ContainerNames.isValid("web-1-"));
    }

    private static void assertRefused(String bad, Runnable r) {
        try {
            r.run();
            fail("accepted " + bad);
        } catch (ContainerException e) {
            assertEquals(ContainerException.INVALID_NAME, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains(ContainerNames.RULE));
        }
    }

    @Test
    public void takenNamesAreRefusedAndTheOwnerKept() throws Exception {
        String n = name("taken");
        String other = name("other");
        manager.create(n, busybox);
        manager.create(other, busybox);
        manager.start(n);
        expect(ContainerException.NAME_TAKEN, () -> manager.create(n, busybox));
        expect(ContainerException.NAME_TAKEN, () -> manager.clone(other, n));
        assertEquals(ContainerState.RUNNING, manager.state(n));
        assertEquals("busybox", manager.info(n).template());
    }

    @Test
    public void brokenTemplatesLeaveNothing() throws Exception {
        Path t = work.resolve("templates/broken-" + name("t"));
        Template unknownKey = BusyboxTemplate.build(t.resolve("unknown"), "unknown-key", "lxc.no.such.key = 1\n");
        Template ownsName = BusyboxTemplate.build(t.resolve("owns"), "owns-name", "lxc.uts.name = evil\n");
        Template noRootfs = new Template("empty", Files.createDirectories(t.resolve("empty")));
        Template noConfig = BusyboxTemplate.build(t.resolve("noconfig"), "no-config", "");
        Files.delete(t.resolve("noconfig/config"));

        expect(ContainerException.INVALID_TEMPLATE, () -> manager.create(name("u"), unknownKey));
        expect(ContainerException.INVALID_TEMPLATE, () -> manager.create(name("o"), ownsName));
        expect(ContainerException.INVALID_TEMPLATE, () -> manager.create(name("e"), noRootfs));
        expect(ContainerException.INVALID_TEMPLATE, () -> manager.create(name("c"), noConfig));
        assertEquals(List.of(), containerDirs());
    }

    @Test
    public void impossibleClonesLeaveNothing() throws Exception {
        String src = name("src");
        manager.create(src, busybox);
        expect(ContainerException.NOT_FOUND, () -> manager.clone(name("missing"), name("x")));
        manager.start(src);
        expect(ContainerException.INVALID_STATE, () -> manager.clone(src, name("y")));
        assertEquals(List.of(lxcPath.resolve(src)), containerDirs());
    }
}
