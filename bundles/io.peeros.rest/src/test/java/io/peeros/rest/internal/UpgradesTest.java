package io.peeros.rest.internal;

import static io.peeros.rest.internal.ErrorMappingTest.assertError;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.Role;
import io.peeros.rest.internal.support.Answer;
import io.peeros.upgrade.api.AvailableUpgrade;
import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.peeros.upgrade.api.UpgradeService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** /upgrades: the history and upgrades, for admins only, adapted to the upgrade service. */
public class UpgradesTest {

    private static RestFixture rest;
    private static String operator;
    private static String admin;
    private static final RecordingUpgrades upgrades = new RecordingUpgrades();

    @BeforeClass
    public static void start() {
        rest = RestFixture.start();
        operator = rest.token(Role.OPERATOR);
        admin = rest.token(Role.ADMIN);
    }

    @AfterClass
    public static void stop() {
        rest.close();
    }

    @Before
    public void bind() {
        upgrades.requests.clear();
        upgrades.uploaded = null;
        upgrades.refusal = null;
        rest.server.bindUpgradeService(upgrades);
    }

    @Test
    public void onlyAdminsSeeTheHistory() throws Exception {
        assertEquals(401, rest.call("GET", "/upgrades", null, null).status());
        assertEquals(403, rest.call("GET", "/upgrades", null, operator).status());
        Answer history = rest.call("GET", "/upgrades", null, admin);
        assertEquals(history.toString(), 200, history.status());
        assertEquals("ROLLED_BACK", history.json().get(0).path("outcome").asText());
        assertEquals("component x is not active", history.json().get(0).path("failedChecks").get(0).asText());
    }

    @Test
    public void aVersionFromAPeerIsPassedOnAndItsRecordReturned() throws Exception {
        Answer answer = rest.call("POST", "/upgrades", "{\"version\":\"0.2.0\",\"fromPeer\":\"" + "ab".repeat(32)
                + "\",\"dryRun\":true}", admin);
        assertEquals(answer.toString(), 200, answer.status());
        assertEquals("DRY_RUN", answer.json().path("outcome").asText());
        UpgradeRequest request = upgrades.requests.get(0);
        assertEquals("ab".repeat(32), request.fromPeer());
        assertEquals("0.2.0", request.version());
        assertTrue(request.dryRun());
    }

    @Test
    public void anUploadedArchiveReachesTheServiceByteForByte() throws Exception {
        byte[] archive = "PK not really a zip".getBytes();
        HttpRequest request = HttpRequest.newBuilder(rest.publicUri("/upgrades?dryRun=false"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/octet-stream").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build();
        Answer answer = rest.client().send(request);
        assertEquals(answer.toString(), 200, answer.status());
        assertArrayEquals(archive, upgrades.uploaded);
        assertTrue(upgrades.requests.get(0).file() != null);
    }

    @Test
    public void aRefusalIsAnErrorWithTheUpgradeCode() throws Exception {
        upgrades.refusal = new UpgradeException(UpgradeException.DIGEST_MISMATCH, "digest mismatch on entry x");
        assertError(rest.call("POST", "/upgrades", "{\"version\":\"0.2.0\"}", admin), 400,
                UpgradeException.DIGEST_MISMATCH);
        upgrades.refusal = new UpgradeException(UpgradeException.BUSY, "another upgrade is running");
        assertError(rest.call("POST", "/upgrades", "{\"version\":\"0.2.0\"}", admin), 409, UpgradeException.BUSY);
    }

    @Test
    public void withoutTheUpgradeServiceTheAnswerIs503() throws Exception {
        rest.server.unbindUpgradeService(upgrades);
        assertError(rest.call("GET", "/upgrades", null, admin), 503, UpgradeServices.UNAVAILABLE);
    }

    private static final class RecordingUpgrades implements UpgradeService {
        final List<UpgradeRequest> requests = new ArrayList<>();
        byte[] uploaded;
        UpgradeException refusal;

        @Override
        public UpgradeRecord upgrade(UpgradeRequest request, UpgradeProgress progress) {
            requests.add(request);
            if (refusal != null) {
                throw refusal;
            }
            if (request.file() != null) {
                try {
                    uploaded = Files.readAllBytes(request.file());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return record(request.dryRun() ? UpgradeOutcome.DRY_RUN : UpgradeOutcome.SUCCEEDED, List.of());
        }

        @Override
        public List<UpgradeRecord> history() {
            return List.of(record(UpgradeOutcome.ROLLED_BACK, List.of("component x is not active")));
        }

        @Override
        public String installedVersion() {
            return "0.1.0";
        }

        @Override
        public List<AvailableUpgrade> available() {
            return List.of();
        }

        @Override
        public void writeArchive(String version, OutputStream out) {
            throw new UpgradeException(UpgradeException.VERSION_UNKNOWN, "none");
        }

        private static UpgradeRecord record(UpgradeOutcome outcome, List<String> failed) {
            return new UpgradeRecord("id", Instant.parse("2026-11-21T17:00:00Z"), 10, "0.1.0", "0.2.0", "store",
                    outcome, failed, outcome == UpgradeOutcome.ROLLED_BACK, List.of("io.peeros.vpn"), "m");
        }
    }
}
