package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.ShellStep;
import io.peeros.environment.api.Variable;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Variables: types, defaults, required values, operator overrides, substitution. */
public class VariablesTest {

    private static final String BLUEPRINT = String.join("\n",
            "name: ${envName}",
            "variables:",
            "  envName: {default: shop, pattern: '[a-z0-9-]+'}",
            "  webCount: {type: int, default: 2, min: 1, max: 10}",
            "  webSize: {type: enum, values: [SMALL, MEDIUM, LARGE], default: SMALL}",
            "  disk: {type: size, default: 20GiB, min: 10GiB, max: 1TiB}",
            "  greeting: {description: what the motd says}",
            "containers:",
            "  - name: web",
            "    template: debian-12",
            "    count: ${webCount}",
            "    size: ${webSize}",
            "  - name: data",
            "    template: debian-12",
            "    quota: {cpu: 25, disk: '${disk}'}",
            "    provisioning:",
            "      - shell: echo '${greeting} costs $${price}' > /etc/motd",
            "");

    @Test
    public void defaultsFillInWhatTheOperatorLeavesOut() {
        Blueprint b = Blueprints.parse("shop.yaml", BLUEPRINT, Map.of("greeting", "hello"));

        assertEquals("shop", b.name());
        assertEquals(2, b.group("web").orElseThrow().count());
        assertEquals(SizeClass.SMALL, b.group("web").orElseThrow().size());
        assertEquals(Long.valueOf(20L << 30), b.group("data").orElseThrow().quota().diskBytes());
        assertEquals(Map.of("envName", "shop", "webCount", "2", "webSize", "SMALL", "disk", "20GiB",
                "greeting", "hello"), b.values());
        assertEquals(List.of("envName", "webCount", "webSize", "disk", "greeting"), List.copyOf(b.values().keySet()));
    }

    @Test
    public void typesAndBoundsAreKeptInTheModel() {
        List<Variable> variables = Blueprints.parse("shop.yaml", BLUEPRINT, Map.of("greeting", "x")).variables();

        assertEquals(Variable.Type.STRING, variables.get(0).type());
        assertEquals(new Variable("webCount", Variable.Type.INT, "", "2", null, 1L, 10L, List.of()), variables.get(1));
        assertEquals(List.of("SMALL", "MEDIUM", "LARGE"), variables.get(2).values());
        assertEquals(Long.valueOf(10L << 30), variables.get(3).min());
        assertTrue(variables.get(4).required());
    }

    @Test
    public void operatorValuesOverrideDefaultsAndAreTyped() {
        Blueprint b = Blueprints.parse("shop.yaml", BLUEPRINT, Map.of("greeting", "hi", "webCount", "7",
                "webSize", "LARGE", "disk", "100GiB", "envName", "shop-2"));

        assertEquals("shop-2", b.name());
        assertEquals(7, b.group("web").orElseThrow().count());
        assertEquals("web-7", b.group("web").orElseThrow().hostnames().get(6));
        assertEquals(SizeClass.LARGE, b.group("web").orElseThrow().size());
        assertEquals(Long.valueOf(100L << 30), b.group("data").orElseThrow().quota().diskBytes());
    }

    @Test
    public void dollarDollarBraceIsALiteral() {
        Blueprint b = Blueprints.parse("shop.yaml", BLUEPRINT, Map.of("greeting", "hi"));

        ShellStep motd = (ShellStep) b.group("data").orElseThrow().provisioning().get(0);
        assertEquals(List.of("echo 'hi costs ${price}' > /etc/motd"), motd.commands());
    }

    @Test
    public void aRequiredVariableLeftOutIsNamedWithWhereItIsDeclared() {
        BlueprintError e = Blueprints.error("shop.yaml", BLUEPRINT);

        assertEquals(7, e.line());
        assertEquals(3, e.column());
        assertEquals("variables.greeting", e.path());
        assertEquals("required: it has no default, give it with --var greeting=VALUE", e.message());
    }

    @Test
    public void invalidOperatorValuesAreReportedAsVarsOutsideTheFile() {
        List<BlueprintError> errors = Blueprints.errors("shop.yaml", BLUEPRINT, Map.of("greeting", "x",
                "webCount", "11", "webSize", "HUGE", "disk", "5GiB", "envName", "Shop!"));

        assertEquals(4, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.line() == 0 && e.column() == 0 && e.path().startsWith("--var ")));
        assertTrue(errors.toString(), errors.contains(new BlueprintError("shop.yaml", 0, 0, "--var webCount",
                "must be 1 to 10, got 11")));
        assertTrue(errors.contains(new BlueprintError("shop.yaml", 0, 0, "--var webSize",
                "must be one of SMALL, MEDIUM, LARGE, got 'HUGE'")));
        assertTrue(errors.contains(new BlueprintError("shop.yaml", 0, 0, "--var disk",
                "must be 10GiB to 1TiB, got 5GiB")));
        assertTrue(errors.contains(new BlueprintError("shop.yaml", 0, 0, "--var envName",
                "must match [a-z0-9-]+, got 'Shop!'")));
    }

    @Test
    public void aNonNumberForAnIntVariableIsRefused() {
        List<BlueprintError> errors = Blueprints.errors("shop.yaml", BLUEPRINT, Map.of("greeting", "x",
                "webCount", "three"));

        assertEquals(List.of(new BlueprintError("shop.yaml", 0, 0, "--var webCount",
                "must be a whole number, got 'three'")), errors);
    }

    @Test
    public void anUndeclaredOperatorVariableIsRefusedWithTheNearestName() {
        List<BlueprintError> errors = Blueprints.errors("shop.yaml", BLUEPRINT, Map.of("greeting", "x",
                "webcount", "3"));

        assertEquals(List.of(new BlueprintError("shop.yaml", 0, 0, "--var webcount",
                "the blueprint declares no variable 'webcount': did you mean 'webCount'?")), errors);
    }

    @Test
    public void aVariableUsedInsideTextIsSubstitutedAsText() {
        Blueprint b = Blueprints.parse("t.yaml", String.join("\n",
                "name: t",
                "variables:",
                "  n: {type: int, default: 3}",
                "containers:",
                "  - name: a",
                "    template: busybox",
                "    hostname: 'a${n}x{n}'",
                "    count: 2",
                ""), Map.of());

        assertEquals(List.of("a3x1", "a3x2"), b.containers().get(0).hostnames());
    }

    @Test
    public void anInvalidDefaultIsReportedOnceNotAtEveryUse() {
        List<BlueprintError> errors = Blueprints.errors("t.yaml", String.join("\n",
                "name: t",
                "variables:",
                "  n: {type: int, default: lots}",
                "containers:",
                "  - {name: a, template: busybox, count: '${n}'}",
                "  - {name: b, template: busybox, count: '${n}'}",
                ""));

        assertEquals(List.of(new BlueprintError("t.yaml", 3, 18, "variables.n.default",
                "must be a whole number, got 'lots'")), errors);
    }

    @Test
    public void anInvalidDefaultIsAnErrorOfTheBlueprintEvenWhenTheOperatorGivesAValue() {
        List<BlueprintError> errors = Blueprints.errors("t.yaml", String.join("\n",
                "name: t",
                "variables:",
                "  n: {type: int, default: lots}",
                "containers:",
                "  - {name: a, template: busybox, count: '${n}'}",
                ""), Map.of("n", "4"));

        assertEquals(List.of(new BlueprintError("t.yaml", 3, 18, "variables.n.default",
                "must be a whole number, got 'lots'")), errors);
    }
}
