package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.itests.support.PeerProcess;
import io.peeros.itests.support.Processes;
import io.peeros.itests.support.TestNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Two real peers, each a distribution running in its own network namespace, register with each other the
 * way two owners would: A asks, B's owner approves with the code A's owner read out. The scenario runs in
 * order, because each step builds on the trust (or its absence) the one before left.
 */
public class TwoPeerRegistrationIT {

    private static final Pattern CODE = Pattern.compile("\\b([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\\b");
    private static final Duration BOOT = Duration.ofSeconds(120);

    private static TestNetwork network;
    private static PeerProcess a;
    private static PeerProcess b;
    private static String idA;
    private static String idB;

    @BeforeClass
    public static void startTwoPeers() {
        Path archive = Path.of(System.getProperty("peeros.dist.tar"));
        Path work = Path.of(System.getProperty("peeros.work"));
        network = TestNetwork.create(2);
        a = PeerProcess.unpack(archive, work, "peer-a", network.namespace(0), network.address(0), "owner-a-Secret-123");
        b = PeerProcess.unpack(archive, work, "peer-b", network.namespace(1), network.address(1), "owner-b-Secret-456");
        a.start();
        b.start();
        CompletableFuture<String> readyA = CompletableFuture.supplyAsync(() -> a.awaitReady(BOOT));
        CompletableFuture<String> readyB = CompletableFuture.supplyAsync(() -> b.awaitReady(BOOT));
        idA = readyA.join();
        idB = readyB.join();
    }

    @AfterClass
    public static void stopPeers() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, network}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    public void registrationWithWrongCodeThenRightCodeThenUnregister() throws Exception {
        assertNotEquals(idA, idB);

        // A never-approved client certificate is refused at B's mutual-TLS port, in the handshake.
        Path strangerKey = a.home().resolve("stranger.key");
        Path strangerCert = a.home().resolve("stranger.crt");
        Processes.check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", strangerKey.toString(), "-out", strangerCert.toString(), "-days", "1", "-subj", "/CN=stranger");
        Processes.Result stranger = b.curl("--cert", strangerCert.toString(), "--key", strangerKey.toString(),
                "https://" + network.address(1) + ":8444/api/v1/p2p/heartbeat");
        assertNotEquals("TLS handshake with an unknown client certificate must fail:\n" + stranger.all(), 0,
                stranger.exitCode());
        assertThat(stranger.stdout(), not(containsString("200")));

        // A asks B and is shown a code.
        String registered = a.shell("peer:register " + b.publicUrl());
        Matcher code = CODE.matcher(registered);
        assertTrue("peer:register must show a code:\n" + registered, code.find());
        assertThat(registered, containsString(idB.substring(0, 12)));
        assertThat(a.shell("peer:list -l"), containsString("REQUESTED"));

        // B's owner sees the request with A's id.
        String requests = b.shell("peer:requests -l");
        assertThat(requests, containsString(idA));

        // A wrong code is refused with a clear error and creates no trust on either side.
        String wrong = b.shell("peer:approve " + idA + " " + flip(code.group(1)));
        assertThat(wrong, containsString("CODE_WRONG"));
        assertThat(b.shell("peer:requests -l"), containsString(idA));
        assertThat(b.shell("peer:list -l"), not(containsString("APPROVED")));
        assertThat(a.shell("peer:list -l"), not(containsString("APPROVED")));
        assertTrustFiles(false);

        // The right code: both sides approve and trust each other.
        String approved = b.shell("peer:approve " + idA + " " + code.group(1));
        assertThat(approved, not(containsString("Error")));
        assertTrustFiles(true);
        b.awaitShell("peer:list -l", out -> out.contains(idA) && out.contains("APPROVED"), Duration.ofSeconds(20));
        a.awaitShell("peer:list -l", out -> out.contains(idB) && out.contains("APPROVED"), Duration.ofSeconds(20));

        // They call each other over mutual TLS: heartbeats succeed both ways (last seen is set).
        a.awaitShell("peer:list -l", out -> lineOf(out, idB).matches(".*APPROVED.*(\\d+s ago|just now).*"), Duration.ofSeconds(20));
        b.awaitShell("peer:list -l", out -> lineOf(out, idA).matches(".*APPROVED.*(\\d+s ago|just now).*"), Duration.ofSeconds(20));

        // Only admins change trust: a viewer may look but not register (shell ACL from the same realm).
        a.shell("user:add --role viewer --password viewer-Secret-123 vera");
        assertThat(a.shellAs("vera", "viewer-Secret-123", "peer:list"), containsString(idB.substring(0, 12)));
        String refused = a.shellAs("vera", "viewer-Secret-123", "peer:unregister " + idB);
        assertTrue("a viewer must not unregister:\n" + refused,
                refused.contains("Command not found") || refused.contains("Insufficient credentials"));
        assertThat(lineOf(a.shell("peer:list -l"), idB), containsString("APPROVED"));

        // B rotates its certificate: its id stays, and A keeps trusting it (trust is bound to the key).
        String rotated = b.shell("peer:rotate-certificate");
        assertThat(rotated, containsString(idB));
        Thread.sleep(5000);
        a.awaitShell("peer:list -l", out -> lineOf(out, idB).matches(".*APPROVED.*(\\b[0-3]s ago|just now).*"), Duration.ofSeconds(20));

        // B goes down: A marks it OFFLINE. B comes back with no password in its environment (its vault
        // opens from the sealed copy, as after a reboot), keeps its id, and A marks it APPROVED again.
        b.stop();
        a.awaitShell("peer:list -l", out -> lineOf(out, idB).contains("OFFLINE"), Duration.ofSeconds(30));
        b.start(false);
        assertEquals(idB, b.awaitReady(BOOT));
        a.awaitShell("peer:list -l", out -> lineOf(out, idB).contains("APPROVED"), Duration.ofSeconds(30));
        b.awaitShell("peer:list -l", out -> lineOf(out, idA).contains("APPROVED"), Duration.ofSeconds(30));

        // Unregister on A removes trust on both sides.
        String unregistered = a.shell("peer:unregister " + idB);
        assertThat(unregistered, not(containsString("Error")));
        a.awaitShell("peer:list -l", out -> lineOf(out, idB).contains("UNREGISTERED"), Duration.ofSeconds(20));
        b.awaitShell("peer:list -l", out -> lineOf(out, idA).contains("UNREGISTERED"), Duration.ofSeconds(20));
        assertTrustFiles(false);
    }

    private static void assertTrustFiles(boolean trusted) throws Exception {
        assertEquals("A trusts B", trusted, trustFile(a).contains(idB));
        assertEquals("B trusts A", trusted, trustFile(b).contains(idA));
    }

    private static String trustFile(PeerProcess peer) throws Exception {
        Path file = peer.home().resolve("data/peeros/identity/trust.json");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String lineOf(String table, String id) {
        return table.lines().filter(line -> line.contains(id)).findFirst().orElse("");
    }

    /** The same code with one character changed. */
    private static String flip(String code) {
        char first = code.charAt(0);
        return (first == 'A' ? 'B' : 'A') + code.substring(1);
    }
}
