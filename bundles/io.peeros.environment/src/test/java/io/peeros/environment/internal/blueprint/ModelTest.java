package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ExposedPort;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.ShellStep;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Defaults and shorthand forms of the model, and errors that must not cascade. */
public class ModelTest {

    private static Blueprint parse(String... lines) {
        return Blueprints.parse("m.yaml", String.join("\n", lines) + "\n");
    }

    @Test
    public void defaultsAreOneSmallContainerNamedAfterItsGroupPlacedAnywhere() {
        ContainerGroup g = parse("name: m", "containers:", "  - {name: solo, template: busybox}").containers().get(0);

        assertEquals(List.of("solo"), g.hostnames());
        assertEquals(1, g.count());
        assertEquals(SizeClass.SMALL, g.size());
        assertNull(g.quota());
        assertEquals(Placement.ANY, g.placement());
        assertEquals(List.of(), g.ports());
    }

    @Test
    public void severalContainersWithoutAPatternAreNumberedAfterTheGroup() {
        ContainerGroup g = parse("name: m", "containers:", "  - {name: w, template: busybox, count: 3}")
                .containers().get(0);

        assertEquals(List.of("w-1", "w-2", "w-3"), g.hostnames());
    }

    @Test
    public void aPlacementStringIsAPeer() {
        ContainerGroup g = parse("name: m", "containers:", "  - {name: w, template: busybox, placement: 3f9a2c1d}")
                .containers().get(0);

        assertEquals(new Placement("3f9a2c1d", null, null, Placement.Strategy.SPREAD, null), g.placement());
    }

    @Test
    public void portsHaveAShortAndALongForm() {
        ContainerGroup g = parse("name: m", "containers:", "  - name: w", "    template: busybox",
                "    ports: [22, 53/udp, 443/HTTPS, {port: 8080, hostPort: 80}]").containers().get(0);

        assertEquals(List.of(new ExposedPort(22, ExposedPort.Protocol.TCP, null, null),
                new ExposedPort(53, ExposedPort.Protocol.UDP, null, null),
                new ExposedPort(443, ExposedPort.Protocol.HTTPS, null, null),
                new ExposedPort(8080, ExposedPort.Protocol.TCP, 80, null)), g.ports());
    }

    @Test
    public void withoutGroupsTheInventoryHasOneAnsibleGroupPerContainerGroup() {
        Blueprint b = parse("name: m", "containers:", "  - {name: ctl, template: debian-12}",
                "  - {name: web, template: debian-12, count: 2}", "provisioning:",
                "  - in: ctl", "    ansible: {inline: '- hosts: web', extraVars: {port: 80}}");

        AnsibleStep a = (AnsibleStep) b.provisioning().get(0);
        assertEquals(Map.of("ctl", List.of("ctl"), "web", List.of("web-1", "web-2")), a.inventory());
        assertEquals("- hosts: web", a.inline());
        assertEquals(Map.of("port", "80"), a.extraVars());
    }

    @Test
    public void aGroupStepMayRunOnOneOfItsContainers() {
        Blueprint b = parse("name: m", "containers:", "  - name: w", "    template: busybox", "    count: 2",
                "    provisioning:", "      - {in: w-1, shell: [init-cluster], timeout: 600}");

        assertEquals(new ShellStep("w-1", List.of("init-cluster"), 600),
                b.containers().get(0).provisioning().get(0));
    }

    @Test
    public void aGroupThatCannotBeReadIsStillKnownToTheOthers() {
        List<BlueprintError> errors = Blueprints.errors("m.yaml", String.join("\n", "name: m", "containers:",
                "  - {name: db, template: busybox, count: 0}", "  - {name: web, template: busybox, after: [db]}",
                "provisioning:", "  - {in: db, shell: uptime}", ""));

        assertEquals(List.of(new BlueprintError("m.yaml", 3, 35, "containers[0].count", "must be 1 to 100, got 0")),
                errors);
    }

    @Test
    public void anEmptyRequiredFieldIsReportedAtItsKey() {
        List<BlueprintError> errors = Blueprints.errors("m.yaml", String.join("\n", "name: m", "containers:",
                "  - name: a", "    template:", ""));

        assertEquals(List.of(new BlueprintError("m.yaml", 4, 5, "containers[0].template", "must not be empty")),
                errors);
    }

    @Test
    public void aHostnameMayNotBeAnotherGroupsName() {
        List<BlueprintError> errors = Blueprints.errors("m.yaml", String.join("\n", "name: m", "containers:",
                "  - {name: db, template: busybox, count: 2}", "  - {name: x, hostname: db, template: busybox}",
                "  - {name: db-1, template: busybox}", ""));

        assertEquals(List.of(new BlueprintError("m.yaml", 4, 15, "containers[1].hostname",
                "hostname 'db' is the name of group 'db': 'in' and 'after' could not tell them apart"),
                new BlueprintError("m.yaml", 5, 6, "containers[2].name",
                "group name 'db-1' is a hostname of group 'db': 'in' and 'after' could not tell them apart")), errors);
    }
}
