package io.peeros.shell.internal.env;

import static io.peeros.shell.internal.FakePeerRegistry.idOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ExecResult;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.shell.internal.Console;
import io.peeros.shell.internal.FakePeerRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The env:* commands over an environment service in memory: exact output lines. */
public class EnvCommandsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Rule
    public final Console console = new Console();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final FakePeerRegistry registry = new FakePeerRegistry();
    private final FakeEnvironments environments = new FakeEnvironments();
    private final String beta = idOf("beta");
    private final String gamma = idOf("gamma").substring(0, 12);

    public EnvCommandsTest() {
        registry.peers.add(FakePeerRegistry.peer("beta", PeerState.APPROVED, Direction.OUTGOING,
                FakePeerRegistry.NOW));
    }

    private <T extends EnvCommandSupport> T wire(T command) {
        command.environments = environments;
        command.parser = environments;
        command.registry = registry;
        command.clock = Clock.fixed(FakePeerRegistry.NOW, UTC);
        return command;
    }

    /** A clock that moves on 1.2 s each time it is read: the progress lines get distinct times. */
    private static Clock stepping() {
        AtomicLong reads = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return FakePeerRegistry.NOW.plus(Duration.ofMillis(1200 * reads.getAndIncrement()));
            }
        };
    }

    private static List<String> rows(String table) {
        return table.lines().map(r -> r.replaceAll("\\s*\\|\\s*", "|").trim()).collect(Collectors.toList());
    }

    private BuildCommand build(String text, String... vars) throws Exception {
        Path file = folder.getRoot().toPath().resolve("web.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        BuildCommand build = wire(new BuildCommand());
        build.file = file.toString();
        build.vars = List.of(vars);
        build.clock = stepping();
        return build;
    }

    @Test
    public void buildPrintsEveryEventAsItComesThenTheEnvironment() throws Exception {
        console.run(build("web", "size=small", "region=eu=1"));

        List<String> out = rows(console.out());
        assertEquals(List.of(
                "[1.2s] plan        -  2 containers on 2 peers",
                "[2.4s] containers  beta  web-1 started (10.200.7.11)",
                "[3.6s] containers  " + gamma + "  web-2 started (10.200.7.12)",
                "[4.8s] health      -  2 of 2 containers healthy",
                ""), out.subList(0, 5));
        assertEquals(List.of("Name|web", "Id|env-web", "State|healthy", "Subnet|10.200.7.0/24",
                "Initiator|local", "Peers|beta, " + gamma, "Containers|2", "Created|2026-11-21 10:58:00 UTC",
                "Updated|2026-11-21 11:00:00 UTC", ""), out.subList(5, 15));
        assertEquals("Name|Hostname|Group|Peer|Address|Template|Ports", out.get(15));
        assertEquals(List.of("env-web-web-1|web-1|web|beta|10.200.7.11/24|debian-12|18080/tcp->8080, 20053/udp->53",
                "env-web-web-2|web-2|web|" + gamma + "|10.200.7.12/24|debian-12|-"), out.subList(17, 19));
        assertEquals(List.of("parse web.yaml", "build web keep=false"), environments.calls);
        assertEquals(Map.of("size", "small", "region", "eu=1"), environments.lastVariables);
        assertEquals("", console.err());
    }

    @Test
    public void dryRunPrintsThePlanAndBuildsNothing() throws Exception {
        BuildCommand build = build("web");
        build.dryRun = true;

        console.run(build);

        List<String> out = rows(console.out());
        assertEquals("Plan for web (env-web): 2 containers on 2 peers, subnet 10.200.7.0/24", out.get(0));
        assertEquals("Container|Hostname|Group|Peer|Address|Template|CPU|RAM|Disk", out.get(1));
        assertEquals(List.of("env-web-web-1|web-1|web|beta|10.200.7.11/24|debian-12|50%|512.0 MiB|10.0 GiB",
                "env-web-web-2|web-2|web|gamma|10.200.7.12/24|debian-12|50%|512.0 MiB|10.0 GiB"),
                out.subList(3, 5));
        assertEquals(List.of("parse web.yaml"), environments.calls);
    }

    @Test
    public void anInvalidBlueprintPrintsEveryErrorOnALineOfItsOwn() throws Exception {
        console.run(build("invalid"));

        assertEquals(List.of("web.yaml:3:5: containers[0].count: must be 1 to 100, got 0",
                "web.yaml:0:0: --var size: not a declared variable",
                "Error: the blueprint has 2 errors [BLUEPRINT_INVALID]"), console.err().lines().toList());
        assertEquals("", console.out());
    }

    @Test
    public void aFailedBuildShowsWhatIsLeftAndFailsWithTheCause() throws Exception {
        environments.outcome = EnvironmentState.FAILED;

        console.run(build("web"));

        List<String> out = rows(console.out());
        assertEquals("[4.8s] provision   " + gamma + "  FAILED: web-2: apt-get exited 100", out.get(3));
        assertTrue(out.contains("State|failed"));
        assertTrue(out.contains("Failure|web-2: apt-get exited 100"));
        assertEquals(List.of("Error: the build of web failed: web-2: apt-get exited 100 [ENVIRONMENT_FAILED]"),
                console.err().lines().toList());
    }

    @Test
    public void ctrlCCancelsTheBuildWhichRollsBack() throws Exception {
        environments.waitForCancel = true;
        BuildCommand build = build("web");
        Thread command = new Thread(() -> {
            try {
                console.run(build);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        command.start();
        assertTrue(environments.started.await(5, TimeUnit.SECONDS));

        command.interrupt();
        command.join(5000);

        List<String> out = rows(console.out());
        assertTrue(out.toString(), out.contains("Cancelling the build of web; it rolls back."));
        assertTrue(out.toString(), out.stream().anyMatch(l -> l.endsWith("rollback    -  everything undone")));
        assertTrue(out.contains("State|cancelled"));
        assertEquals(List.of("parse web.yaml", "build web keep=false", "cancel env-web"), environments.calls);
        assertEquals(List.of("Error: the build of web was cancelled: cancelled by the operator"
                + " [ENVIRONMENT_CANCELLED]"), console.err().lines().toList());
    }

    @Test
    public void listShowsOneRowPerEnvironment() throws Exception {
        environments.put(FakeEnvironments.healthy("web"));

        console.run(wire(new ListCommand()));

        assertEquals(List.of("Name|Id|State|Containers|Peers|Subnet|Age",
                "web|env-web|healthy|2|2|10.200.7.0/24|1h 2m"), List.of(rows(console.out()).get(0),
                rows(console.out()).get(2)));
    }

    @Test
    public void listSaysHowToStartWhenThereAreNone() throws Exception {
        console.run(wire(new ListCommand()));

        assertTrue(console.out(), console.out().contains("No environments. Build one with env:build <blueprint file>."));
    }

    @Test
    public void showOfAnUnknownEnvironmentFails() throws Exception {
        ShowCommand show = wire(new ShowCommand());
        show.env = "nope";

        console.run(show);

        assertEquals("Error: this peer built no environment 'nope' [ENVIRONMENT_NOT_FOUND]" + System.lineSeparator(),
                console.err());
    }

    @Test
    public void growShrinkAndDestroyPrintTheirProgress() throws Exception {
        environments.put(FakeEnvironments.healthy("web"));
        GrowCommand grow = wire(new GrowCommand());
        grow.env = "web";
        grow.group = "web";
        grow.count = 2;
        ShrinkCommand shrink = wire(new ShrinkCommand());
        shrink.env = "web";
        shrink.group = "db";
        DestroyCommand destroy = wire(new DestroyCommand());
        destroy.env = "web";

        console.run(grow);
        console.run(shrink);
        console.run(destroy);

        List<String> out = rows(console.out());
        assertEquals("[0.0s] containers  beta  web-3 started (10.200.7.13)", out.get(0));
        assertTrue(out.contains("Name|web"));
        assertEquals(List.of("[0.0s] destroy     beta  1 container removed", "Destroyed environment web (env-web)."),
                out.subList(out.size() - 2, out.size()));
        assertEquals(List.of("Error: environment web has no group 'db' [GROUP_UNKNOWN]"),
                console.err().lines().toList());
        assertEquals(List.of("grow web web 2", "shrink web db 1", "destroy env-web"), environments.calls);
    }

    @Test
    public void resizeParsesItsOptionsAndPrintsTheProgress() throws Exception {
        environments.put(FakeEnvironments.healthy("web"));
        ResizeCommand resize = wire(new ResizeCommand());
        resize.env = "web";
        resize.group = "web";
        resize.cpu = "25";
        resize.ram = "96MiB";
        ResizeCommand bySize = wire(new ResizeCommand());
        bySize.env = "web";
        bySize.group = "web";
        bySize.size = "small";
        bySize.disk = "2G";
        bySize.quotas = new io.peeros.container.api.testing.FakeQuotaService(
                new io.peeros.container.api.testing.FakeContainerManager());
        ResizeCommand noQuotas = wire(new ResizeCommand());
        noQuotas.env = "web";
        noQuotas.group = "web";
        noQuotas.size = "small";
        ResizeCommand nothing = wire(new ResizeCommand());
        nothing.env = "web";
        nothing.group = "web";

        console.run(resize);
        console.run(bySize);
        console.run(noQuotas);
        console.run(nothing);

        List<String> out = rows(console.out());
        assertEquals("[0.0s] resize      beta  web-3: cpuPercent=25 memoryBytes=100663296", out.get(0));
        assertTrue(out.contains("Name|web"));
        assertEquals(List.of("resize web web cpuPercent=25 memoryBytes=100663296",
                "resize web web cpuPercent=25 memoryBytes=536870912 diskBytes=2147483648"), environments.calls);
        List<String> err = console.err().lines().toList();
        assertEquals(2, err.size());
        assertTrue(err.get(0), err.get(0).endsWith("[QUOTAS_UNAVAILABLE]"));
        assertEquals("Error: give --size, --cpu, --ram or --disk [INVALID_REQUEST]", err.get(1));
    }

    @Test
    public void execPrintsTheOutputAndFailsOnANonZeroExit() throws Exception {
        environments.put(FakeEnvironments.healthy("web"));
        ExecCommand exec = wire(new ExecCommand());
        exec.env = "web";
        exec.container = "web-1";
        exec.command = List.of("--", "cat", "/etc/hostname");

        console.run(exec);
        environments.execResult = new ExecResult(2, new byte[0], "no such file\n".getBytes(StandardCharsets.UTF_8),
                false);
        console.run(exec);

        assertEquals("hello" + System.lineSeparator(), console.out());
        assertEquals(List.of("no such file", "Error: cat /etc/hostname exited with 2 [EXEC_FAILED]"),
                console.err().lines().toList());
        assertEquals(List.of("exec web web-1 [cat, /etc/hostname]", "exec web web-1 [cat, /etc/hostname]"),
                environments.calls);
    }

    @Test
    public void withoutTheEnvironmentServiceCommandsSaySo() throws Exception {
        ListCommand list = wire(new ListCommand());
        list.environments = null;

        console.run(list);

        assertEquals("Error: the environment service is not available: is the PeerOS environment bundle installed"
                + " and started? [ENVIRONMENTS_UNAVAILABLE]" + System.lineSeparator(), console.err());
    }
}
