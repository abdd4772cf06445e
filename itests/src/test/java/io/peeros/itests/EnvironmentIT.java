package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.PeerMesh;
import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Three real peers, each a distribution in its own network namespace, registered with each other. Only peer A has
 * the busybox template; it builds an environment of six busybox containers, two on each peer, from a blueprint
 * through the shell, and B and C fetch the template from A on the way; then grows,
 * shrinks, resizes and destroys it; then races two builds for more memory than peer C has for both (one wins, the
 * other is refused and leaves nothing); then builds while a hosting peer is killed, and while the builder itself is killed and
 * restarted. After every end the peers are checked for leftovers: containers, swarm interfaces, swarms.
 */
public class EnvironmentIT {

    private static final List<String> HOSTS = List.of("web-1", "web-2", "app-1", "app-2", "db-1", "db-2");

    private static PeerMesh mesh;

    @BeforeClass
    public static void startPeers() {
        mesh = PeerMesh.start(3, "env", peer -> peer.configure("io.peeros.vpn", Map.of("refreshSeconds", "2")));
        // Only peer A has the template: B and C must fetch it from A during the first build.
        PeerProcess a = mesh.peer(0);
        Path recipe = a.home().resolve("busybox-template");
        Processes.check("sh", repo("lxc-templates/busybox/build.sh").toString(), recipe.toString());
        assertNoError(a.shell("template:build -i " + recipe + " busybox 1.0.0 "
                + a.home().resolve("busybox-1.0.0.tar")));
    }

    @AfterClass
    public static void stopPeers() {
        if (mesh != null) {
            for (int i = 0; i < mesh.size(); i++) {
                mesh.peer(i).destroyContainers(containers(i).toArray(String[]::new));
            }
            mesh.close();
        }
    }

    @Test
    public void buildGrowShrinkDestroyThenSurviveAKilledPeerAndAKilledBuilder() throws Exception {
        PeerProcess a = mesh.peer(0);
        Path farm = blueprint("farm");

        String plan = a.shell("env:build --dry-run " + farm);
        assertNoError(plan);
        for (String host : HOSTS) {
            assertThat(plan, containsString(host));
        }
        assertNothingLeft("a dry run creates nothing");

        Instant started = Instant.now();
        String built = a.shell("env:build " + farm);
        Duration took = Duration.between(started, Instant.now());
        assertNoError(built);
        assertThat(built.toLowerCase(), containsString("healthy"));
        System.out.println("EnvironmentIT: 6 containers on 3 peers HEALTHY in " + took.toMillis() + " ms");
        assertThat(a.shell("env:list").toLowerCase(), containsString("healthy"));
        for (int i = 0; i < 3; i++) {
            assertEquals("peer " + i + " hosts two containers", 2, containers(i).size());
        }
        for (int i = 1; i < 3; i++) {
            assertThat("peer " + i + " fetched the template from A", mesh.peer(i).shell("template:list"),
                    containsString("busybox"));
        }

        // Every container reaches every other by hostname, across peers; a service in one answers from another.
        for (String host : HOSTS) {
            String pinged = a.shell("env:exec farm " + host + " sh -c 'for t in " + String.join(" ", HOSTS)
                    + "; do ping -c 1 -W 3 $t >/dev/null || { echo UNREACHABLE $t; exit 1; }; done; echo ALL-REACHED'");
            assertThat(host + " reaches every other container", pinged, containsString("ALL-REACHED"));
        }
        assertThat(a.shell("env:exec farm web-1 wget -q -O - http://db-2:8080/"), containsString("db says hi"));

        // db's exposed port 8080 is mapped on C, its hosting peer, to a host port the planner chose: it answers on
        // C's address.
        PeerProcess dbPeer = mesh.peer(2);
        Matcher mapped = Pattern.compile("(\\d+)/tcp->8080").matcher(a.shell("env:show farm"));
        assertTrue("env:show shows db's mapped port", mapped.find());
        String dbUrl = "http://" + URI.create(dbPeer.publicUrl()).getHost() + ":" + mapped.group(1) + "/";
        await("db answers on " + dbUrl, () -> dbPeer.curl(dbUrl).stdout().contains("db says hi"),
                Duration.ofSeconds(30));

        // Grow and shrink.
        assertThat(a.shell("env:grow farm app 1").toLowerCase(), containsString("healthy"));
        assertEquals(3, containers(1).size());
        assertThat(a.shell("env:exec farm app-3 ping -c 1 -W 3 db-1"), not(containsString("Error")));
        assertThat(a.shell("env:shrink farm app 1").toLowerCase(), containsString("healthy"));
        assertEquals(2, containers(1).size());

        // Resize: the app containers (on B) get the new limits while they run.
        String resized = a.shell("env:resize --cpu 25 --ram 96MiB farm app");
        assertNoError(resized);
        assertThat(resized.toLowerCase(), containsString("healthy"));
        String app = containers(1).stream().filter(n -> n.contains("app")).findFirst().orElseThrow();
        String quota = mesh.peer(1).shell("container:quota " + app);
        assertThat(quota, containsString("96.0 MiB"));
        assertThat(quota, containsString("25% of one CPU"));

        // A hosting peer restarts: its containers keep running, its swarm is joined again, and the environment
        // works across peers as before.
        PeerProcess b = mesh.peer(1);
        b.stop();
        b.start(false);
        b.awaitReady(PeerMesh.BOOT);
        await("web-1 reaches app-1 again after B restarted", () -> a.shell("env:exec farm web-1 ping -c 1 -W 2 app-1")
                .contains(" 0% packet loss"), Duration.ofSeconds(60));
        assertThat(a.shell("env:exec farm app-2 wget -q -O - http://db-1:8080/"), containsString("db says hi"));
        assertThat("the resized limits survive the restart", mesh.peer(1).shell("container:quota " + app),
                containsString("96.0 MiB"));

        // Destroy leaves nothing on any peer.
        assertNoError(a.shell("env:destroy farm"));
        assertNothingLeft("after env:destroy");
        assertThat(a.shell("env:list"), not(containsString("farm")));

        // Two builds race for C's memory: each wants 70 % of what the host has available, so both plan on C but
        // C admits only one reservation; the other fails cleanly (refused at prepare, or at planning when C
        // already reported the first one's reservation) and leaves nothing.
        long ramMiB = memAvailableMiB() * 7 / 10;
        Path race1 = greedy("race1", ramMiB);
        Path race2 = greedy("race2", ramMiB);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> a.shell("env:build " + race1));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> a.shell("env:build " + race2));
        List<String> outcomes = List.of(first.get(), second.get());
        List<String> won = outcomes.stream().filter(o -> o.toLowerCase().contains("is healthy")).toList();
        assertEquals("exactly one racing build wins: " + outcomes, 1, won.size());
        String lost = outcomes.get(won.get(0) == outcomes.get(0) ? 1 : 0);
        assertTrue("the other was refused for capacity: " + lost, lost.contains("INSUFFICIENT_CAPACITY")
                || lost.contains("PLACEMENT_IMPOSSIBLE"));
        System.out.println("EnvironmentIT: the race's loser: " + lost.lines()
                .filter(l -> l.contains("INSUFFICIENT_CAPACITY") || l.contains("PLACEMENT_IMPOSSIBLE")).findFirst()
                .orElse(""));
        assertEquals("C hosts the winner's container only", 1, containers(2).size());
        for (String name : List.of("race1", "race2")) {
            if (a.shell("env:list").contains(name)) {
                assertNoError(a.shell("env:destroy " + name));
            }
        }
        assertNothingLeft("after the race");

        // A hosting peer dies in the middle of a build: the build fails naming it, the others roll back fully,
        // and the dead peer's part is released once it is back.
        PeerProcess c = mesh.peer(2);
        Path farm2 = blueprint("farm2");
        CompletableFuture<String> doomed = CompletableFuture.supplyAsync(() -> a.shell("env:build " + farm2));
        await("peer C made a container of farm2", () -> !containers(2).isEmpty(), Duration.ofSeconds(60));
        c.kill();
        String failed = doomed.get();
        assertThat(failed.toLowerCase(), containsString("failed"));
        String shown = a.shell("env:show farm2");
        assertThat(shown.toLowerCase(), containsString("failed"));
        assertThat("the failure names the dead peer", shown, containsString(mesh.id(2).substring(0, 8)));
        assertTrue("A keeps nothing of farm2", containers(0).isEmpty());
        assertTrue("B keeps nothing of farm2", containers(1).isEmpty());
        c.start(false);
        c.awaitReady(PeerMesh.BOOT);
        await("C's part of farm2 released once C is back", () -> containers(2).isEmpty() && swarmLinks(2).isEmpty(),
                Duration.ofSeconds(120));
        assertNothingLeft("after the failed build");

        // The builder dies in the middle of a build and comes back: it rolls the build back everywhere.
        Path farm3 = blueprint("farm3");
        CompletableFuture<String> interrupted = CompletableFuture.supplyAsync(() -> a.shell("env:build " + farm3));
        await("peer B made a container of farm3", () -> !containers(1).isEmpty(), Duration.ofSeconds(60));
        a.kill();
        interrupted.handle((out, error) -> out);
        a.start(false);
        a.awaitReady(PeerMesh.BOOT);
        await("farm3 rolled back everywhere", () -> a.shell("env:show farm3").toLowerCase().matches("(?s).*\\bstate\\s*\\|\\s*failed\\b.*"),
                Duration.ofSeconds(120));
        await("nothing of farm3 left", () -> containers(0).isEmpty() && containers(1).isEmpty()
                && containers(2).isEmpty(), Duration.ofSeconds(120));
        assertNothingLeft("after the builder's restart");
    }

    /** One busybox container on C with a RAM limit of {@code ramMiB}; written on peer A. */
    private static Path greedy(String name, long ramMiB) throws Exception {
        Path file = mesh.peer(0).home().resolve(name + ".yaml");
        Files.writeString(file, "name: " + name + "\ncontainers:\n  - name: big\n    template: busybox\n"
                + "    quota:\n      cpu: 10\n      ram: " + ramMiB + "MiB\n    placement:\n      peer: env-c\n");
        return file;
    }

    /** MemAvailable of this host (the peers' namespaces share its memory), in MiB. */
    private static long memAvailableMiB() throws Exception {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemAvailable:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElseThrow();
    }

    /** A blueprint of six busybox containers, two per peer, placed by peer name; written on peer A. */
    private static Path blueprint(String name) throws Exception {
        String text = "name: " + name + "\n"
                + "description: two containers on each of three peers\n"
                + "containers:\n"
                + group("web", "env-a") + group("app", "env-b") + group("db", "env-c")
                + "    ports: [8080]\n"
                + "provisioning:\n"
                + "  - in: db\n"
                + "    shell: mkdir -p /srv && echo 'db says hi' > /srv/index.html && httpd -p 8080 -h /srv\n";
        Path file = mesh.peer(0).home().resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String group(String name, String peer) {
        return "  - name: " + name + "\n"
                + "    template: busybox\n"
                // The test peers keep containers on ext4, where disk limits are refused: CPU and RAM only.
                + "    quota:\n"
                + "      cpu: 50\n"
                + "      ram: 64MiB\n"
                + "    count: 2\n"
                + "    placement:\n"
                + "      peer: " + peer + "\n";
    }

    /** The containers that exist in peer {@code i}'s LXC path. */
    private static List<String> containers(int i) {
        PeerProcess peer = mesh.peer(i);
        Processes.Result ls = Processes.run(List.of("nsenter", "--net=/run/netns/" + peer.namespace(), "lxc-ls", "-1",
                "-P", peer.home().resolve("lxc").toString()), Map.of(), null, Duration.ofSeconds(20));
        return ls.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> swarmLinks(int i) {
        return Processes.check("ip", "-n", mesh.peer(i).namespace(), "-o", "link", "show").lines()
                .filter(l -> l.matches("\\d+: (pe|pv)-.*")).toList();
    }

    /** The per-environment records the agent of peer {@code i} keeps for what it hosts. */
    private static List<String> hostedRecords(int i) {
        Path dir = mesh.peer(i).home().resolve("data/peeros/environments/hosted");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertNothingLeft(String when) {
        for (int i = 0; i < 3; i++) {
            assertEquals(when + ": containers on peer " + i, List.of(), containers(i));
            assertEquals(when + ": swarm interfaces on peer " + i, List.of(), swarmLinks(i));
            assertEquals(when + ": environment records (reservations) on peer " + i, List.of(), hostedRecords(i));
            String swarms = mesh.peer(i).shell("vpn:list");
            assertThat(when + ": swarms on peer " + i, swarms, not(containsString("farm")));
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(500);
        }
    }

    private static void assertNoError(String output) {
        assertThat(output, not(containsString("Error")));
    }

    private static Path repo(String relative) {
        return Path.of(System.getProperty("peeros.work")).getParent().getParent().getParent().resolve(relative);
    }
}
