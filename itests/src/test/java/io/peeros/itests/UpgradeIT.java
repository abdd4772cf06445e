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
import io.peeros.itests.support.UpgradeArchives;
import io.peeros.itests.support.UpgradeArchives.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code peer:upgrade} on a real peer: "newer builds" are made from the distribution under test (every PeerOS
 * bundle restamped to a higher version, one of them really changed), signed with a test publisher key by the
 * publisher tool, and applied. A tampered archive is refused with nothing installed; a good one is installed
 * with only the changed bundle updated; a deliberately broken one fails the health check and is rolled back by
 * itself, leaving the peer as it was; a version that changes the upgrade bundle itself is finished by the
 * bundle's new revision. Runs in order: each step starts from the state the one before left.
 */
public class UpgradeIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final String PASSWORD = "owner-upg-Secret-123";
    private static final Duration UPGRADE = Duration.ofMinutes(4);
    private static final String FROM = UpgradeArchives.FROM;
    private static final String CHANGED = "io.peeros.container.template";
    private static final Pattern BUNDLE_LINE = Pattern.compile("(?m)^\\s*(\\d+)\\s*[│|]\\s*(\\w+)\\s*[│|]\\s*\\d+\\s*[│|]\\s*(\\S+)\\s*[│|]\\s*(io\\.peeros\\.\\S+)\\s*$");

    private static TestNetwork network;
    private static PeerProcess peer;
    private static Path work;
    private static UpgradeArchives archives;

    @BeforeClass
    public static void startPeer() throws IOException {
        Path archive = Path.of(System.getProperty("peeros.dist.tar"));
        work = Path.of(System.getProperty("peeros.work")).resolve("upg");
        network = TestNetwork.create(1);
        peer = PeerProcess.unpack(archive, work, "upg-peer", network.namespace(0), network.address(0),
                PASSWORD);
        archives = UpgradeArchives.withNewKey(peer, work);
        peer.configure("io.peeros.upgrade.UpgradeService", Map.of("trustedPublishers", archives.publicKey(),
                "healthTimeoutSeconds", "30"));
        peer.start();
        peer.awaitReady(BOOT);
    }

    @AfterClass
    public static void stopPeer() {
        for (AutoCloseable closeable : new AutoCloseable[] {peer, network}) {
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
    public void tamperedRefusedThenUpgradedThenBrokenVersionRolledBack() throws Exception {
        Map<String, String[]> before = peerosBundles();
        assertEquals(FROM.replace('-', '.'), before.get(CHANGED)[1]);
        Path v2 = archives.build("0.2.0", Map.of(CHANGED, Change.CONTENT));

        // A tampered archive (one jar altered after signing) is refused naming the entry; nothing changes.
        Path tampered = archives.tamper(v2, "repository/io/peeros/io.peeros.vpn/0.2.0/io.peeros.vpn-0.2.0.jar");
        String refused = peer.shell("peer:upgrade " + tampered, UPGRADE);
        assertThat(refused, containsString("DIGEST_MISMATCH"));
        assertThat(refused, containsString("io.peeros.vpn-0.2.0.jar"));
        assertEquals(before, peerosBundles());
        assertThat(peer.shell("feature:list -i"), not(containsString("0.2.0")));

        // A dry run verifies and simulates: it names the one bundle that would change, and installs nothing.
        String dry = peer.shell("peer:upgrade --dry-run " + v2, UPGRADE);
        assertThat(dry, containsString("DRY_RUN"));
        assertThat(dry, containsString("bundles updated [" + CHANGED + "]"));
        assertEquals(before, peerosBundles());

        // The real upgrade: the features are 0.2.0, only the changed bundle was updated (same ids, the others
        // keep their version and their bundle cache revision), and the peer is healthy.
        Map<String, String> revisionsBefore = cacheRevisions(before);
        String upgraded = peer.shell("peer:upgrade " + v2, UPGRADE);
        assertThat(upgraded, containsString("SUCCEEDED"));
        Map<String, String[]> after = peerosBundles();
        assertEquals(before.keySet(), after.keySet());
        Map<String, String> revisionsAfter = cacheRevisions(after);
        for (String bsn : before.keySet()) {
            if (bsn.equals(CHANGED)) {
                // Karaf's deployer replaces a bundle whose location changed: uninstall + install, a new id
                assertEquals("0.2.0", after.get(bsn)[1]);
                assertNotEquals("the changed bundle was replaced", before.get(bsn)[0], after.get(bsn)[0]);
            } else {
                assertEquals("bundle id of " + bsn, before.get(bsn)[0], after.get(bsn)[0]);
                assertEquals(bsn + " keeps its version", before.get(bsn)[1], after.get(bsn)[1]);
                assertEquals(bsn + " was neither updated nor refreshed", revisionsBefore.get(bsn),
                        revisionsAfter.get(bsn));
            }
            assertEquals(bsn + " is active", "Active", after.get(bsn)[2]);
        }
        assertThat(peer.shell("feature:list -i | grep peeros"), containsString("0.2.0"));
        assertRestAnswers();
        assertThat(peer.shell("peer:upgrade --history"), containsString("SUCCEEDED"));

        // A broken 0.3.0 (its template store cannot be satisfied): the health check fails, the peer rolls back to
        // 0.2.0 by itself, and is as it was.
        Path v3 = archives.build("0.3.0", Map.of(CHANGED, Change.BROKEN));
        String broken = peer.shell("peer:upgrade " + v3, UPGRADE);
        assertThat(broken, containsString("ROLLED_BACK"));
        assertThat(broken, containsString("TemplateStoreService is not active"));
        Map<String, String[]> restored = peerosBundles();
        assertEquals(after.keySet(), restored.keySet());
        for (String bsn : after.keySet()) {
            assertEquals(bsn + " version", after.get(bsn)[1], restored.get(bsn)[1]);
            assertEquals(bsn + " state", after.get(bsn)[2], restored.get(bsn)[2]);
            if (!bsn.equals(CHANGED)) {
                assertEquals(bsn + " id", after.get(bsn)[0], restored.get(bsn)[0]);
            }
        }
        String features = peer.shell("feature:list -i | grep peeros");
        assertThat(features, containsString("0.2.0"));
        assertThat(features, not(containsString("0.3.0")));
        assertRestAnswers();
        assertTrue(peer.shell("peer:id").trim().matches("[0-9a-f]{64}"));
        String history = peer.shell("peer:upgrade --history");
        assertThat(history, containsString("ROLLED_BACK"));
        assertThat(history, containsString("REFUSED"));
        assertThat(history, containsString("TemplateStoreService"));

        // 0.4.0 changes the upgrade bundle itself: its old revision is replaced in the middle of the upgrade, and
        // the new revision finishes the health check from the pending record.
        Path v4 = archives.build("0.4.0", Map.of("io.peeros.upgrade", Change.CONTENT, CHANGED, Change.CONTENT));
        String self = peer.shell("peer:upgrade " + v4, UPGRADE);
        assertThat(self, containsString("bundles updated [" + CHANGED + ", io.peeros.upgrade]"));
        peer.awaitShell("peer:upgrade --history", out -> out.lines().anyMatch(l -> l.contains("0.4.0")
                && l.contains("SUCCEEDED")), Duration.ofSeconds(90));
        Map<String, String[]> selfUpdated = peerosBundles();
        assertEquals("0.4.0", selfUpdated.get("io.peeros.upgrade")[1]);
        assertEquals("Active", selfUpdated.get("io.peeros.upgrade")[2]);
        assertThat(peer.shell("feature:list -i | grep peeros"), containsString("0.4.0"));
        assertRestAnswers();

        // The REST equivalent, as the owner: the history, an uploaded tampered archive refused, a kept version
        // that is not newer refused.
        String token = token();
        Processes.Result restHistory = peer.curl("-H", "Authorization: Bearer " + token, peer.publicUrl()
                + "/api/v1/upgrades");
        assertTrue(restHistory.all(), restHistory.stdout().endsWith("200"));
        assertThat(restHistory.stdout(), containsString("\"outcome\":\"ROLLED_BACK\""));
        assertThat(restHistory.stdout(), containsString("\"toVersion\":\"0.4.0\""));
        Processes.Result upload = peer.curl("-H", "Authorization: Bearer " + token, "-H",
                "Content-Type: application/octet-stream", "--data-binary", "@" + tampered, peer.publicUrl()
                        + "/api/v1/upgrades");
        assertTrue(upload.all(), upload.stdout().endsWith("400"));
        assertThat(upload.stdout(), containsString("DIGEST_MISMATCH"));
        Processes.Result notNewer = peer.curl("-H", "Authorization: Bearer " + token, "-H",
                "Content-Type: application/json", "-d", "{\"version\":\"0.2.0\"}", peer.publicUrl()
                        + "/api/v1/upgrades");
        assertTrue(notNewer.all(), notNewer.stdout().endsWith("400"));
        assertThat(notNewer.stdout(), containsString("NOT_NEWER"));
        assertThat(peer.shell("feature:list -i | grep peeros"), containsString("0.4.0"));
    }

    private static String token() {
        Processes.Result login = peer.curl("-H", "Content-Type: application/json", "-d",
                "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}", peer.publicUrl() + "/api/v1/auth/token");
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.stdout());
        assertTrue(login.all(), token.find());
        return token.group(1);
    }

    private static void assertRestAnswers() {
        Processes.Result rest = peer.curl("https://127.0.0.1:8443/api/v1/peer");
        String status = rest.stdout().strip();
        status = status.substring(status.lastIndexOf('\n') + 1);
        assertTrue("REST answers: " + rest.all(), status.equals("200") || status.equals("401"));
    }

    /** The PeerOS bundles: symbolic name to [id, version, state]. */
    private static Map<String, String[]> peerosBundles() {
        String list = peer.shell("bundle:list -t 0 -s");
        Map<String, String[]> out = new TreeMap<>();
        Matcher m = BUNDLE_LINE.matcher(list);
        while (m.find()) {
            out.put(m.group(4), new String[] {m.group(1), m.group(3), m.group(2)});
        }
        assertTrue("PeerOS bundles listed:\n" + list, out.size() >= 10);
        return new TreeMap<>(out) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean equals(Object o) {
                if (!(o instanceof Map<?, ?> other) || !other.keySet().equals(keySet())) {
                    return false;
                }
                return keySet().stream().allMatch(k -> java.util.Arrays.equals(get(k), (String[]) other.get(k)));
            }

            @Override
            public int hashCode() {
                return keySet().hashCode();
            }
        };
    }

    /** Felix's bundle cache: each update adds a revision directory (version0.N); a bundle left alone keeps its. */
    private static Map<String, String> cacheRevisions(Map<String, String[]> bundles) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String[]> b : bundles.entrySet()) {
            Path dir = peer.home().resolve("data/cache/bundle" + b.getValue()[0]);
            try (var files = Files.list(dir)) {
                out.put(b.getKey(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("version"))
                        .sorted().toList().toString());
            }
        }
        return out;
    }

}
