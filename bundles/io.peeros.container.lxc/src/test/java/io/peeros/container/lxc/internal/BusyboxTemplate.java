package io.peeros.container.lxc.internal;

import io.peeros.container.api.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Builds a minimal busybox template offline from Debian's busybox-static: {@code /bin/busybox} and its
 * applet links, users root, nobody and peer (1000), and an init that does not run a DHCP client and exits
 * on SIGPWR or SIGTERM, so a clean stop takes milliseconds.
 */
final class BusyboxTemplate {

    static final Path BUSYBOX = Path.of("/bin/busybox");

    static final String INIT = """
            #!/bin/sh
            # PeerOS test init: no DHCP client (the peer assigns addresses); halts at once on SIGPWR/SIGTERM.
            trap 'kill $s 2>/dev/null; exit 0' PWR TERM INT
            mount -t tmpfs tmpfs /tmp 2>/dev/null
            while :; do sleep 3600 & s=$!; wait $s; done
            """;

    static final String CONFIG = """
            lxc.include = /usr/share/lxc/config/common.conf
            lxc.net.0.type = empty
            lxc.init.cmd = /sbin/init
            """;

    private BusyboxTemplate() {
    }

    /** Builds the template in {@code dir} with the base config plus {@code extraConfig} lines. */
    static Template build(Path dir, String name, String extraConfig) throws IOException, InterruptedException {
        Path root = dir.resolve("rootfs");
        for (String d : List.of("bin", "sbin", "etc", "proc", "sys", "dev", "tmp", "root", "run", "var/log", "home/peer",
                "usr/bin", "usr/sbin")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(BUSYBOX, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (list.waitFor() != 0) {
            throw new IOException("busybox --list failed");
        }
        for (String applet : applets.split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        write(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\npeer:x:1000:1000:peer:/home/peer:/bin/sh\n"
                + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        write(root.resolve("etc/group"), "root:x:0:\npeer:x:1000:\nnogroup:x:65534:\n");
        write(root.resolve("etc/hostname"), "busybox\n");
        write(root.resolve("sbin/init"), INIT);
        Files.setPosixFilePermissions(root.resolve("sbin/init"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(root.resolve("home/peer"), "unix:uid", 1000);
        Files.setAttribute(root.resolve("home/peer"), "unix:gid", 1000);
        write(dir.resolve("config"), CONFIG + extraConfig);
        return new Template(name, dir);
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
