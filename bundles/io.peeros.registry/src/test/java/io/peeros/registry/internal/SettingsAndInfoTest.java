package io.peeros.registry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.registry.api.PeerInfo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

public class SettingsAndInfoTest extends NetworkTestSupport {

    @Test
    public void defaultsAreResolved() {
        RegistrySettings s = RegistrySettings.from(Configs.of(Map.of()));

        String host = RegistrySettings.firstIpv4();
        assertEquals(URI.create("https://" + host + ":8443"), s.publicUrl());
        assertEquals(URI.create("https://" + host + ":8444"), s.peerUrl());
        assertFalse(s.name().isBlank());
        String data = System.getProperty("karaf.data");
        assertEquals(Path.of(data == null ? "data" : data, "peeros", "registry"), s.stateDir());
        assertEquals(Duration.ofHours(1), s.requestTtl());
        assertEquals(3, s.maxCodeTries());
        assertEquals(32, s.maxPendingRequests());
        assertEquals(Duration.ofSeconds(10), s.heartbeat());
        assertEquals(3, s.offlineAfterMisses());
        assertEquals(Duration.ofMillis(3000), s.connectTimeout());
        assertEquals(Duration.ofMillis(5000), s.requestTimeout());
    }

    @Test
    public void peerUrlDefaultsToTheHostOfThePublicUrl() {
        RegistrySettings s = RegistrySettings.from(Configs.of(Map.of("publicUrl", "https://peer.example.org/")));
        assertEquals(URI.create("https://peer.example.org"), s.publicUrl());
        assertEquals(URI.create("https://peer.example.org:8444"), s.peerUrl());
    }

    @Test
    public void unusableValuesNameTheProperty() {
        assertRefused(Map.of("publicUrl", "http://peer:8443"), "publicUrl");
        assertRefused(Map.of("peerUrl", "not a url"), "peerUrl");
        assertRefused(Map.of("maxCodeTries", 0), "maxCodeTries");
        assertRefused(Map.of("heartbeatSeconds", -1), "heartbeatSeconds");
    }

    @Test
    public void localInfoDescribesThisPeer() {
        TestPeer a = peer("alpha");

        PeerInfo info = a.registry.localInfo();

        assertEquals(a.id(), info.id());
        assertEquals("alpha", info.name());
        assertEquals("dev", info.version());
        assertEquals(URI.create("https://alpha:8443"), info.publicUrl());
        assertEquals(URI.create("https://alpha:8444"), info.peerUrl());
        assertTrue(info.certificateFingerprint(), info.certificateFingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertEquals(Certificates.fingerprint(a.identity.certificate()), info.certificateFingerprint());
        assertTrue(info.cpuCores() > 0);
        assertTrue(info.ramBytes() > 0 && info.freeRamBytes() > 0 && info.freeRamBytes() <= info.ramBytes());
        assertTrue(info.diskBytes() > 0 && info.freeDiskBytes() <= info.diskBytes());
        assertTrue(info.loadAverage() >= 0);
    }

    private static void assertRefused(Map<String, ?> config, String property) {
        try {
            RegistrySettings.from(Configs.of(config));
            fail("expected " + property + " to be refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(property));
        }
    }
}
