package io.peeros.shell.internal.env;

import io.peeros.environment.api.Progress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an operation's events as they arrive, one line each: seconds since the command started, the step, the
 * peer and the message: {@code [12.3s] containers  peer-b  web-1 started (10.200.7.11)}.
 */
final class ProgressPrinter {

    private final PrintStream out;
    private final Clock clock;
    private final Instant start;
    private final Map<String, String> names;

    ProgressPrinter(PrintStream out, Clock clock, Map<String, String> names) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
        this.names = names;
    }

    void print(Progress event) {
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        String peer = event.peerId().filter(id -> !id.isEmpty()).map(id -> EnvCommandSupport.peer(id, names))
                .orElse("-");
        String failed = event.phase() == Progress.Phase.FAILED ? "FAILED: " : "";
        out.println(String.format(Locale.ROOT, "[%.1fs] %-10s  %s  %s%s", seconds, event.step(), peer, failed,
                event.message()));
        out.flush();
    }
}
