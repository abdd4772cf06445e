package io.peeros.vpn.internal.node;

import io.peeros.vpn.api.VpnException;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} (iproute2) for the node's TAP settings. */
final class IpCommand {
    private IpCommand() {
    }

    /**
     * Runs {@code ip args...}, waiting at most 10 s.
     *
     * @throws VpnException {@code TUN_UNAVAILABLE} when it fails, naming the command and its output
     */
    static void run(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = new File("/usr/sbin/ip").canExecute() ? "/usr/sbin/ip" : "/sbin/ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new VpnException("TUN_UNAVAILABLE", String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new VpnException("TUN_UNAVAILABLE", "cannot run ip: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpnException("TUN_UNAVAILABLE", "interrupted while configuring the TAP", e);
        }
    }

    /** Sets the TAP's MTU and brings it up. */
    static void tapUp(String tap, int mtu) {
        run("link", "set", "dev", tap, "mtu", Integer.toString(mtu), "up");
    }
}
