package io.peeros.container.lxc.internal.jna;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Compiles a C program against the installed liblxc headers that prints {@code offsetof} of every struct
 * member the binding reads, and compares with the Java offsets. Skipped only without gcc or lxc-dev.
 */
public class LxcLayoutTest {

    private static final Path HEADER = Path.of("/usr/include/lxc/lxccontainer.h");

    @Test
    public void javaOffsetsMatchTheHeaders() throws Exception {
        assumeTrue("gcc not installed: the struct layout is not checked", onPath("gcc"));
        assumeTrue("lxc-dev not installed (" + HEADER + "): the struct layout is not checked", Files.exists(HEADER));
        Map<String, Long> expected = new TreeMap<>(LxcLayout.all());
        expected.putAll(AttachOptions.layout());

        Map<String, Long> actual = compileAndRun(expected.keySet().stream().toList());

        assertEquals(expected, actual);
    }

    private static Map<String, Long> compileAndRun(List<String> keys) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lxc-layout");
        try {
            StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <lxc/lxccontainer.h>\n"
                    + "#include <lxc/attach_options.h>\nint main(void) {\n");
            for (String key : keys) {
                String[] k = key.split("\\.");
                String expr = k[0].equals("sizeof") ? "sizeof(" + type(k[1]) + ")" : "offsetof(" + type(k[0]) + ", " + k[1] + ")";
                c.append("  printf(\"%s=%zu\\n\", \"").append(key).append("\", ").append(expr).append(");\n");
            }
            c.append("  return 0;\n}\n");
            Files.writeString(dir.resolve("layout.c"), c);
            run(List.of("gcc", "-o", dir.resolve("layout").toString(), dir.resolve("layout.c").toString()));
            Map<String, Long> result = new TreeMap<>();
            for (String line : run(List.of(dir.resolve("layout").toString())).split("\n")) {
                String[] kv = line.split("=");
                result.put(kv[0], Long.parseLong(kv[1].strip()));
            }
            return result;
        } finally {
            for (String f : List.of("layout", "layout.c")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    /** {@code struct lxc_container} is a struct tag; the attach types are typedefs. */
    private static String type(String name) {
        return name.equals("lxc_container") ? "struct lxc_container" : name;
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(argv.get(0) + " failed: " + out);
        }
        return out;
    }

    private static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")));
        return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
