package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.peeros.container.api.ContainerException;
import java.time.Duration;
import org.junit.Test;

public class ParseTest {

    @Test
    public void durations() {
        assertEquals(Duration.ofSeconds(30), Parse.duration("30", "t"));
        assertEquals(Duration.ofSeconds(30), Parse.duration("30s", "t"));
        assertEquals(Duration.ofMillis(500), Parse.duration("500ms", "t"));
        assertEquals(Duration.ofMinutes(2), Parse.duration("2M", "t"));
        assertEquals(Duration.ofHours(1), Parse.duration(" 1h ", "t"));
        assertThrows(ContainerException.class, () -> Parse.duration("-1s", "t"));
        assertThrows(ContainerException.class, () -> Parse.duration("1.5s", "t"));
    }

    @Test
    public void sizesInBinaryUnits() {
        assertEquals(512L << 20, Parse.bytes("512M", "ram"));
        assertEquals(512L << 20, Parse.bytes("512MiB", "ram"));
        assertEquals(4L << 30, Parse.bytes("4g", "ram"));
        assertEquals(1024, Parse.bytes("1k", "ram"));
        assertEquals(100, Parse.bytes("100", "ram"));
        ContainerException e = assertThrows(ContainerException.class, () -> Parse.bytes("lots", "ram"));
        assertEquals("ram 'lots' is not a size such as 512M, 4G or 100G", e.getMessage());
        assertThrows(ContainerException.class, () -> Parse.bytes("99999999999T", "ram"));
    }

    @Test
    public void percentages() {
        assertEquals(25, Parse.percent("25%", "cpu"));
        assertEquals(200, Parse.percent("200", "cpu"));
        assertEquals(ContainerException.INVALID_REQUEST,
                assertThrows(ContainerException.class, () -> Parse.percent("half", "cpu")).code());
    }
}
