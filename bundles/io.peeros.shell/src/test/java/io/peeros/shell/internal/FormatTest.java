package io.peeros.shell.internal;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.Test;

public class FormatTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    public void sizesUseBinaryUnits() {
        assertEquals("0 B", Format.bytes(0));
        assertEquals("1023 B", Format.bytes(1023));
        assertEquals("1.5 KiB", Format.bytes(1536));
        assertEquals("16.0 GiB", Format.bytes(16L << 30));
        assertEquals("2.0 TiB", Format.bytes(2L << 40));
        assertEquals("unknown", Format.bytes(-1));
    }

    @Test
    public void durationsShowTheTwoLargestUnits() {
        assertEquals("4s", Format.duration(Duration.ofSeconds(4)));
        assertEquals("14m 32s", Format.duration(Duration.ofSeconds(14 * 60 + 32)));
        assertEquals("2h", Format.duration(Duration.ofHours(2)));
        assertEquals("3h 5m", Format.duration(Duration.ofMinutes(185)));
        assertEquals("2d 4h", Format.duration(Duration.ofHours(52)));
    }

    @Test
    public void relativeTimes() {
        assertEquals("never", Format.ago(null, NOW));
        assertEquals("just now", Format.ago(NOW, NOW));
        assertEquals("just now", Format.ago(NOW.plusSeconds(3), NOW)); // the other clock is ahead
        assertEquals("4s ago", Format.ago(NOW.minusSeconds(4), NOW));
        assertEquals("in 9m 12s", Format.until(NOW.plusSeconds(552), NOW));
        assertEquals("expired", Format.until(NOW, NOW));
        assertEquals("expired", Format.until(NOW.minusSeconds(1), NOW));
    }

    @Test
    public void absoluteTimesInTheGivenZone() {
        assertEquals("2026-11-21 12:00:00 UTC", Format.dateTime(NOW, ZoneId.of("UTC")));
        assertEquals("2026-11-21 13:00:00 CET", Format.dateTime(NOW, ZoneId.of("Europe/Paris")));
    }

    @Test
    public void idsLoadAndFingerprints() {
        assertEquals("0123456789ab", Format.shortId("0123456789abcdef"));
        assertEquals("short", Format.shortId("short"));
        assertEquals("0.42", Format.load(0.4171));
        assertEquals("unknown", Format.load(-1));
        // The expected value was printed by keytool, not computed by the code under test.
        assertEquals(FakePeerIdentity.FINGERPRINT_1, Format.fingerprint(FakePeerIdentity.load("/peer-cert-1.pem")));
    }
}
