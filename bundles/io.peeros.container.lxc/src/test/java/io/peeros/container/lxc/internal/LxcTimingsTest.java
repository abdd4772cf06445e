package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;

import io.peeros.container.api.ExecRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Times each operation through the manager and through the raw {@code lxc-*} tools, interleaved, and logs
 * the medians of {@value #RUNS} runs ({@code timing} lines). Asserts only that everything worked: the
 * figures go to docs/container-model.md. The benchmark against LXD is a separate program.
 */
public class LxcTimingsTest extends LxcTestSupport {

    private static final int RUNS = 7;

    private final Map<String, List<Long>> peeros = new LinkedHashMap<>();
    private final Map<String, List<Long>> raw = new LinkedHashMap<>();

    @Test
    public void medianTimesPerOperation() throws Exception {
        String base = name("base");
        for (int i = 0; i < RUNS; i++) {
            String c = name("c");
            long t = System.nanoTime();
            manager.create(c, busybox);
            record(peeros, "create", t);
            manager.destroy(c);
        }
        manager.create(base, busybox);
        String p = lxcPath.toString();
        for (int i = 0; i < RUNS; i++) {
            String a = name("peeros");
            long t = System.nanoTime();
            manager.clone(base, a);
            record(peeros, "clone", t);
            t = System.nanoTime();
            manager.start(a);
            record(peeros, "start", t);
            untilExecAnswers(a);
            record(peeros, "start-until-exec", t);
            t = System.nanoTime();
            assertEquals(0, manager.exec(a, ExecRequest.of("true")).exitCode());
            record(peeros, "exec", t);
            t = System.nanoTime();
            manager.stop(a, Duration.ofSeconds(10));
            record(peeros, "stop-clean", t);
            manager.start(a);
            t = System.nanoTime();
            manager.stop(a, Duration.ZERO);
            record(peeros, "kill", t);
            t = System.nanoTime();
            manager.destroy(a);
            record(peeros, "destroy", t);

            String b = name("raw");
            t = System.nanoTime();
            tool("lxc-copy", "-n", base, "-P", p, "-N", b, "-s", "-B", "overlay");
            record(raw, "clone", t);
            t = System.nanoTime();
            tool("lxc-start", "-n", b, "-P", p, "-d");
            record(raw, "start", t);
            await("lxc-attach answers", Duration.ofSeconds(10),
                () -> exit("lxc-attach", "-n", b, "-P", p, "--clear-env", "--", "true") == 0);
            record(raw, "start-until-exec", t);
            t = System.nanoTime();
            tool("lxc-attach", "-n", b, "-P", p, "--clear-env", "--", "true");
            record(raw, "exec", t);
            t = System.nanoTime();
            tool("lxc-stop", "-n", b, "-P", p, "-t", "10");
            record(raw, "stop-clean", t);
            tool("lxc-start", "-n", b, "-P", p, "-d");
            t = System.nanoTime();
            tool("lxc-stop", "-n", b, "-P", p, "-k");
            record(raw, "kill", t);
            t = System.nanoTime();
            tool("lxc-destroy", "-n", b, "-P", p);
            record(raw, "destroy", t);
        }
        for (String op : peeros.keySet()) {
            double mine = median(peeros.get(op));
            Double theirs = raw.containsKey(op) ? median(raw.get(op)) : null;
            LOG.info("timing {} peeros={} ms raw-lxc={} ms ratio={}", String.format("%-16s", op), fmt(mine),
                    theirs == null ? "-" : fmt(theirs), theirs == null ? "-" : String.format("%.2f", mine / theirs));
        }
        LOG.info("timing load average {}", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
    }

    private static void record(Map<String, List<Long>> into, String op, long start) {
        into.computeIfAbsent(op, k -> new ArrayList<>()).add(System.nanoTime() - start);
    }

    private static double median(List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return ms(s[s.length / 2]);
    }

    private static String fmt(double ms) {
        return String.format("%.1f", ms);
    }

    private static void tool(String... argv) throws IOException, InterruptedException {
        int code = exit(argv);
        if (code != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited with " + code);
        }
    }

    private static int exit(String... argv) {
        try {
            Process pr = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!pr.waitFor(30, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                return -1;
            }
            return pr.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
