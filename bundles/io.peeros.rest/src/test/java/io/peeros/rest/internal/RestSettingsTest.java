package io.peeros.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.peeros.rest.internal.support.Configs;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;

public class RestSettingsTest {

    @Test
    public void defaults() {
        RestSettings settings = RestSettings.of(Configs.of(RestServer.Config.class, Map.of()));

        assertEquals(new RestSettings("0.0.0.0", 8443, 8444, 10, Duration.ofSeconds(10)), settings);
    }

    @Test
    public void samePortsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RestSettings.of(
                Configs.of(RestServer.Config.class, Map.of("publicPort", 9000, "peerPort", 9000))));

        assertEquals("publicPort and peerPort are both 9000: the public and the mutual-TLS port must differ",
                e.getMessage());
    }

    @Test
    public void portsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RestSettings.of(
                Configs.of(RestServer.Config.class, Map.of("peerPort", 70000))));
        assertThrows(IllegalArgumentException.class, () -> RestSettings.of(
                Configs.of(RestServer.Config.class, Map.of("publicPort", 0))));
    }

    @Test
    public void rateLimitMustAllowSomething() {
        assertThrows(IllegalArgumentException.class, () -> RestSettings.of(
                Configs.of(RestServer.Config.class, Map.of("rateLimitRequests", 0))));
    }

    @Test
    public void blankHostMeansAllAddresses() {
        assertEquals("0.0.0.0", RestSettings.of(Configs.of(RestServer.Config.class, Map.of("host", " "))).host());
    }
}
