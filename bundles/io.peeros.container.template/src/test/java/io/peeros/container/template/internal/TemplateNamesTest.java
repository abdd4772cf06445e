package io.peeros.container.template.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Template names, versions and their order. */
public class TemplateNamesTest {

    @Test
    public void namesAndVersions() {
        assertTrue(TemplateNames.isName("debian-12"));
        assertTrue(TemplateNames.isName("a" + "b".repeat(62)));
        for (String bad : List.of("", "1abc", "Debian", "a_b", "a.b", "a:b", "../x", "a" + "b".repeat(63))) {
            assertFalse(bad, TemplateNames.isName(bad));
        }
        for (String good : List.of("0.0.0", "1.2.3", "12.0.1-rc.1", "1.0.0-alpha-2", "2.0.0-20250101")) {
            assertTrue(good, TemplateNames.isVersion(good));
        }
        for (String bad : List.of("1", "1.2", "01.2.3", "1.2.3.4", "1.2.3-", "1.2.3+build", "v1.2.3", "1.2.3-../x")) {
            assertFalse(bad, TemplateNames.isVersion(bad));
        }
        assertArrayEquals(new String[] {"debian-12", "1.0.0"}, TemplateNames.parseId("debian-12:1.0.0"));
    }

    @Test
    public void versionsSortNumericallyWithPreReleasesFirst() {
        List<String> v = new ArrayList<>(List.of("1.10.0", "1.2.0", "1.2.0-rc.10", "1.2.0-rc.2", "1.2.0-beta", "0.9.9",
                "1.2.0-rc"));
        v.sort(TemplateNames.VERSION_ORDER);
        assertEquals(List.of("0.9.9", "1.2.0-beta", "1.2.0-rc", "1.2.0-rc.2", "1.2.0-rc.10", "1.2.0", "1.10.0"), v);
    }
}
