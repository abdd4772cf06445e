package io.peeros.vpn.internal.tap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Compiles a C program against the installed kernel and libc headers that prints every constant, size and
 * offset in {@link Layout} (ioctl numbers, struct ifreq, virtio_net_hdr, msghdr/mmsghdr/iovec/cmsghdr,
 * UDP_SEGMENT/UDP_GRO), and compares with the Java values. Skipped only without gcc or the headers.
 */
public class LayoutTest {
    private static final String HEADERS = String.join("\n", "#define _GNU_SOURCE", "#include <stdio.h>", "#include <stddef.h>",
            "#include <stdint.h>", "#include <fcntl.h>", "#include <poll.h>", "#include <errno.h>",
            "#include <sys/time.h>", "#include <sys/socket.h>", "#include <sys/uio.h>", "#include <netinet/in.h>",
            "#include <netinet/udp.h>", "#include <net/if.h>", "#include <sys/ioctl.h>", "#include <linux/if_tun.h>",
            "#include <linux/virtio_net.h>", "");

    @Test
    public void javaLayoutMatchesTheHeaders() throws Exception {
        assumeTrue("gcc not installed: layout not checked", Files.isExecutable(Path.of("/usr/bin/gcc")));
        assumeTrue("linux headers missing: layout not checked", Files.exists(Path.of("/usr/include/linux/if_tun.h")));
        Map<String, Long> expected = new TreeMap<>(Layout.all());
        StringBuilder c = new StringBuilder(HEADERS).append("int main(void) {\n  struct cmsghdr cm;\n");
        for (String key : expected.keySet()) {
            String expr = key.equals("CMSG_DATA_OFFSET") ? "(CMSG_DATA(&cm) - (unsigned char *) &cm)" : key;
            c.append("  printf(\"%s=%lld\\n\", \"").append(key).append("\", (long long) (").append(expr).append("));\n");
        }
        c.append("  return 0;\n}\n");
        Path dir = Files.createTempDirectory("vpn-layout");
        try {
            Files.writeString(dir.resolve("layout.c"), c);
            run(List.of("gcc", "-o", dir.resolve("layout").toString(), dir.resolve("layout.c").toString()));
            Map<String, Long> actual = new TreeMap<>();
            for (String line : run(List.of(dir.resolve("layout").toString())).split("\n")) {
                int eq = line.lastIndexOf('=');
                actual.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
            }
            assertEquals(expected, actual);
        } finally {
            Files.deleteIfExists(dir.resolve("layout"));
            Files.deleteIfExists(dir.resolve("layout.c"));
            Files.deleteIfExists(dir);
        }
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(argv.get(0) + " failed: " + out);
        }
        return out;
    }
}
