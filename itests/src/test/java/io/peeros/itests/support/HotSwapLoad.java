package io.peeros.itests.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Traffic that must not notice a peer's bundles being swapped, for one bounded window: (1) iputils ping at 100
 * per second from one container's network namespace to another container's address, (2) one TCP connection
 * between the two namespaces carrying a numbered line every 25 ms, each echo checked, (3) a poller asking the
 * peer's user REST API ({@code GET /api/v1/peer}, authenticated) every 50 ms on a new connection with a 1 s limit.
 * Every part stops by itself at the end of the window (counts and time limits), and {@link Running#await} kills
 * whatever outlives it by 30 s.
 *
 * <p>Reusable: give it the two containers' init PIDs (as the host sees them), the address to reach, and the
 * peer whose REST API to poll.
 */
public final class HotSwapLoad {

    /** Pings per second: iputils' {@code -i 0.01}. */
    public static final int PINGS_PER_SECOND = 100;
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern NUMBER = Pattern.compile("\"%s\": (-?\\d+)");
    private static final int TCP_PORT = 7101;
    private static final Duration GRACE = Duration.ofSeconds(30);

    /**
     * What to load: ping and TCP go from {@code fromPid}'s network namespace to {@code toAddress} (served from
     * {@code toPid}'s namespace); REST goes to {@code restPeer}.
     */
    public record Targets(long fromPid, long toPid, String toAddress, PeerProcess restPeer, String user,
            String password) {
    }

    /** What one window saw. */
    public record Result(Duration window, int pingsSent, int pingsReceived, String pingOutput, int tcpSent,
            int tcpEchoed, String tcpError, int tcpLongestEchoMs, int restOk, int restFailed, int restLongestGapMs,
            int restLongestGapAtMs, String restFailures) {

        public int pingsLost() {
            return pingsSent - pingsReceived;
        }

        public boolean tcpIntact() {
            return tcpError == null && tcpSent > 0 && tcpSent == tcpEchoed;
        }

        /** One line for logs and assertion messages. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "pings %d/%d lost %d; TCP %s (%d lines, longest echo %d ms)%s;"
                    + " REST %d ok %d failed %s, longest gap %d ms at +%d ms", pingsReceived, pingsSent, pingsLost(),
                    tcpIntact() ? "intact" : "BROKEN", tcpSent, tcpLongestEchoMs,
                    tcpError == null ? "" : " " + tcpError, restOk, restFailed, restFailures, restLongestGapMs,
                    restLongestGapAtMs);
        }
    }

    /** A window under way. */
    public static final class Running {
        private final Duration window;
        private final ExecutorService threads;
        private final CompletableFuture<Processes.Result> ping;
        private final CompletableFuture<Processes.Result> server;
        private final CompletableFuture<Processes.Result> client;
        private final CompletableFuture<Processes.Result> rest;

        private Running(Duration window, ExecutorService threads, CompletableFuture<Processes.Result> ping,
                CompletableFuture<Processes.Result> server, CompletableFuture<Processes.Result> client,
                CompletableFuture<Processes.Result> rest) {
            this.window = window;
            this.threads = threads;
            this.ping = ping;
            this.server = server;
            this.client = client;
            this.rest = rest;
        }

        /** Waits for the window to end and every part to report. */
        public Result await() {
            try {
                Processes.Result p = ping.join();
                Processes.Result c = client.join();
                server.join();
                Processes.Result r = rest.join();
                Matcher summary = PING_SUMMARY.matcher(p.stdout());
                int sent = 0;
                int received = 0;
                if (summary.find()) {
                    sent = Integer.parseInt(summary.group(1));
                    received = Integer.parseInt(summary.group(2));
                }
                String tcpError = c.exitCode() == 0 ? null : errorOf(c);
                return new Result(window, sent, received, p.all().strip(), number(c.stdout(), "sent"),
                        number(c.stdout(), "echoed"), tcpError, number(c.stdout(), "longestEchoMs"),
                        number(r.stdout(), "ok"), number(r.stdout(), "failed"), number(r.stdout(), "longestGapMs"),
                        number(r.stdout(), "longestGapAtMs"), failures(r));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private HotSwapLoad() {
    }

    /** Starts a window of {@code window}; ping, TCP and REST all run for about that long. */
    public static Running start(Targets targets, Duration window) {
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "hot-swap-load");
            t.setDaemon(true);
            return t;
        });
        double seconds = window.toMillis() / 1000.0;
        Duration limit = window.plus(GRACE);
        String echo = resource("/tcp-echo.py");
        CompletableFuture<Processes.Result> server = CompletableFuture.supplyAsync(() -> Processes.run(
                inNetns(targets.toPid(), "python3", echo, "serve", targets.toAddress(), Integer.toString(TCP_PORT),
                        Double.toString(seconds + 15)), Map.of(), null, limit), threads);
        CompletableFuture<Processes.Result> client = CompletableFuture.supplyAsync(() -> Processes.run(
                inNetns(targets.fromPid(), "python3", echo, "talk", targets.toAddress(), Integer.toString(TCP_PORT),
                        Double.toString(seconds), "25"), Map.of(), null, limit), threads);
        long count = Math.max(1, window.toMillis() * PINGS_PER_SECOND / 1000);
        CompletableFuture<Processes.Result> ping = CompletableFuture.supplyAsync(() -> Processes.run(
                inNetns(targets.fromPid(), "ping", "-q", "-i", "0.01", "-c", Long.toString(count), "-W", "2",
                        targets.toAddress()), Map.of(), null, limit), threads);
        PeerProcess peer = targets.restPeer();
        CompletableFuture<Processes.Result> rest = CompletableFuture.supplyAsync(() -> Processes.run(
                List.of("ip", "netns", "exec", peer.namespace(), "python3", resource("/rest-poll.py"),
                        peer.publicUrl(), targets.user(), Double.toString(seconds), "50"),
                Map.of("REST_PASSWORD", targets.password()), null, limit), threads);
        return new Running(window, threads, ping, server, client, rest);
    }

    private static List<String> inNetns(long pid, String... command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n"));
        argv.addAll(List.of(command));
        return argv;
    }

    private static int number(String json, String key) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), key)).matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String errorOf(Processes.Result r) {
        Matcher m = Pattern.compile("\"error\": \"([^\"]*)\"").matcher(r.stdout());
        return m.find() ? m.group(1) : "exit " + r.exitCode() + ": " + r.all().strip();
    }

    private static String failures(Processes.Result r) {
        Matcher m = Pattern.compile("\"failures\": (\\{[^}]*\\})").matcher(r.stdout());
        return m.find() ? m.group(1) : r.all().strip();
    }

    private static String resource(String name) {
        try {
            return Path.of(HotSwapLoad.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
