package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.ContainerGroup;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class PlannerTest {

    @Test
    public void containerNamesAreValidAndShortenedWithAHash() {
        assertEquals("hello-abcdef-hello-1", Planner.containerName("hello-abcdef", "hello-1"));
        assertEquals("e1st-abcdef-web", Planner.containerName("1st-abcdef", "web"));
        String id = "a".repeat(57) + "-abcdef";
        String one = Planner.containerName(id, "web-1");
        String two = Planner.containerName(id, "web-2");
        assertTrue(one, one.matches("[a-z][a-z0-9-]{0,62}"));
        assertEquals(63, one.length());
        assertNotEquals(one, two);
    }

    @Test
    public void theSubnetComesFromTheIdAndSkipsUsedOnes() {
        String first = Planner.subnet("web-abcdef", Set.of());
        assertTrue(first, first.matches("10\\.200\\.[0-9]{1,3}\\.0/24"));
        assertEquals(first, Planner.subnet("web-abcdef", Set.of()));
        String second = Planner.subnet("web-abcdef", Set.of(first));
        assertNotEquals(first, second);
    }

    @Test
    public void grownHostnamesContinueTheNumbering() {
        assertEquals(List.of("web-4", "web-5"), Hostnames.next(List.of("web-1", "web-2", "web-3"), Set.of(), 2));
        assertEquals(List.of("cache4"), Hostnames.next(List.of("cache1", "cache2", "cache3"), Set.of(), 1));
        assertEquals(List.of("lb-2", "lb-3"), Hostnames.next(List.of("lb"), Set.of(), 2));
        assertEquals(List.of("web-3"), Hostnames.next(List.of("web-1"), Set.of("web-2"), 1));
    }

    @Test
    public void groupsComeInWavesAfterTheGroupsTheyFollow() {
        List<ContainerGroup> groups = Cluster.example("three-peers.yaml").containers();
        List<List<String>> waves = Provisioner.waves(groups).stream()
                .map(w -> w.stream().map(ContainerGroup::name).toList()).toList();
        assertEquals(List.of(List.of("lb", "cache", "monitor"), List.of("web")), waves);
    }
}
