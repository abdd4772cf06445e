package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.ContainerException;
import org.junit.Test;

/** The naming rule, without LXC. */
public class ContainerNamesTest {

    @Test
    public void dnsLabelsOnly() {
        for (String ok : new String[] {"a", "web", "web-1", "a1-b2-c3", "x".repeat(63)}) {
            assertEquals(ok, ContainerNames.check(ok));
        }
        for (String bad : new String[] {"", "Web", "1a", "-a", "a_b", "a.b", "a/b", "..", "a b", "x".repeat(64), "ü"}) {
            assertFalse(bad, ContainerNames.isValid(bad));
        }
        assertFalse(ContainerNames.isValid(null));
        assertTrue(ContainerNames.isValid("a-"));
    }

    @Test
    public void theMessageNamesTheRule() {
        try {
            ContainerNames.check("Bad\u0007Name");
            fail();
        } catch (ContainerException e) {
            assertEquals(ContainerException.INVALID_NAME, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("[a-z][a-z0-9-]{0,62}"));
            assertTrue(e.getMessage(), e.getMessage().contains("\"Bad?Name\""));
        }
    }
}
