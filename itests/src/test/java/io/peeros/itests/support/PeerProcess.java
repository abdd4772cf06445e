package io.peeros.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One PeerOS distribution unpacked into its own directory and run as {@code bin/karaf server} inside a
 * network namespace, as an operator would run it. Commands reach it the way users reach it: the shell
 * over SSH ({@code bin/client}) and REST with curl, both run inside the namespace.
 */
public final class PeerProcess implements AutoCloseable {

    private static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";

    private final String name;
    private final String namespace;
    private final String address;
    private final Path home;
    private final String adminPassword;
    private Process process;

    private PeerProcess(String name, String namespace, String address, Path home, String adminPassword) {
        this.name = name;
        this.namespace = namespace;
        this.address = address;
        this.home = home;
        this.adminPassword = adminPassword;
    }

    /** Unpacks the distribution archive for a peer called {@code name} living in {@code namespace}. */
    public static PeerProcess unpack(Path archive, Path workDir, String name, String namespace, String address,
            String adminPassword) {
        Path dir = workDir.resolve(name);
        try {
            if (Files.exists(dir)) {
                Processes.check("rm", "-rf", dir.toString());
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.check("tar", "xzf", archive.toString(), "-C", dir.toString(), "--strip-components=1");
        PeerProcess peer = new PeerProcess(name, namespace, address, dir, adminPassword);
        peer.configure("io.peeros.registry.PeerRegistry", Map.of("name", name,
                "publicUrl", peer.publicUrl(), "peerUrl", "https://" + address + ":8444",
                "heartbeatSeconds", "2", "offlineAfterMisses", "2"));
        // Each test peer keeps its containers apart from the host's and from the other peers'.
        String lxcPath = dir.resolve("lxc").toString();
        for (String pid : new String[] {"io.peeros.container.lxc.LxcContainerManager",
                "io.peeros.container.lxc.LxcQuotaService", "io.peeros.container.lxc.LxcMetricsService",
                "io.peeros.container.template.TemplateStore"}) {
            peer.configure(pid, Map.of("lxcPath", lxcPath));
        }
        return peer;
    }

    /**
     * Removes containers a test made on this peer, whatever state a failed run left them in: containers outlive
     * the peer by design. LXC's monitor socket is per network namespace, so this runs in the peer's.
     */
    public void destroyContainers(String... names) {
        String lxc = home().resolve("lxc").toString();
        for (String name : names) {
            for (String tool : new String[] {"lxc-stop", "lxc-destroy"}) {
                List<String> argv = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace(),
                        tool, "-P", lxc, "-n", name));
                if (tool.equals("lxc-stop")) {
                    argv.add("-k");
                }
                Processes.run(argv, Map.of(), null, Duration.ofSeconds(20));
            }
        }
    }

    /** Writes (replaces) {@code etc/<pid>.cfg}. */
    public void configure(String pid, Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        try {
            Files.writeString(home.resolve("etc").resolve(pid + ".cfg"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts Karaf in the namespace with the owner password in its environment; returns at once. */
    public void start() {
        start(true);
    }

    /**
     * Starts Karaf in the namespace; returns at once. Without the owner secret the peer must open its key
     * vault by itself (the sealed copy), as after a reboot.
     */
    public void start(boolean withOwnerSecret) {
        // Not `ip netns exec`: it hides the cgroup hierarchies, without which LXC cannot start containers.
        List<String> command = List.of("sh", netnsHostScript(), namespace, home.resolve("bin/karaf").toString(),
                "server");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", JAVA_HOME);
        builder.environment().remove("PEEROS_ADMIN_PASSWORD");
        builder.environment().remove("PEEROS_OWNER_SECRET");
        if (withOwnerSecret) {
            builder.environment().put("PEEROS_ADMIN_PASSWORD", adminPassword);
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start peer " + name, e);
        }
    }

    /** Waits until the shell answers {@code peer:id} with an id; returns it. */
    public String awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("peer " + name + " exited; see " + home.resolve("console.log"));
            }
            try {
                last = shell("peer:id").trim();
                if (last.matches("[0-9a-f]{64}")) {
                    return last;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("peer " + name + " not ready after " + timeout + "; last answer: " + last);
    }

    /** Runs shell commands over SSH as the owner; returns what they printed (stdout and stderr). */
    public String shell(String commands) {
        return shellAs("admin", adminPassword, commands);
    }

    /** Runs shell commands over SSH as the owner, killed after {@code timeout}; returns what they printed. */
    public String shell(String commands, Duration timeout) {
        return shellAs("admin", adminPassword, commands, timeout);
    }

    /** Runs shell commands over SSH as {@code user}; returns what they printed (stdout and stderr). */
    public String shellAs(String user, String password, String commands) {
        return shellAs(user, password, commands, Duration.ofSeconds(60));
    }

    private String shellAs(String user, String password, String commands, Duration timeout) {
        Processes.Result result = Processes.run(List.of("ip", "netns", "exec", namespace,
                home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a", "8101", "-u", user, "-p",
                password, "-r", "3", "-d", "1", "-b"), clientEnv(), commands + "\n", timeout);
        if (result.exitCode() != 0 && result.all().isBlank()) {
            throw new IllegalStateException("bin/client exited " + result.exitCode());
        }
        return result.all();
    }

    /** Runs curl inside the namespace (TLS checks off: peers have self-signed certificates). */
    public Processes.Result curl(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "curl", "-sk",
                "--max-time", "10", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        return Processes.run(command, Map.of(), null, Duration.ofSeconds(20));
    }

    /** Polls {@code commands} until its output satisfies {@code condition}; returns that output. */
    public String awaitShell(String commands, Predicate<String> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String output = "";
        while (Instant.now().isBefore(deadline)) {
            output = shell(commands);
            if (condition.test(output)) {
                return output;
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("after " + timeout + ", '" + commands + "' on " + name + " printed:\n" + output);
    }

    public String publicUrl() {
        return "https://" + address + ":8443";
    }

    public Path home() {
        return home;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    /** Kills Karaf at once (SIGKILL, as a crash or power loss would) and waits for it to be gone. */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("peer " + name + " did not die", e);
            }
        }
        process = null;
    }

    /** Stops Karaf (as {@code kill} would) and waits for it to exit. */
    public void stop() {
        close();
    }

    /** Stops Karaf and every process it started, waiting until all have exited (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    private static String netnsHostScript() {
        try {
            return Path.of(PeerProcess.class.getResource("/netns-host.sh").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> clientEnv() {
        return Map.of("JAVA_HOME", JAVA_HOME, "JAVA_OPTS", "-Duser.home=" + home.resolve("client-home"));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
