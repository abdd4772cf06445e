package io.peeros.container.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** The checks and derived values of an attachment, without a host. */
public class NetworkAttachmentTest {

    @Test
    public void aValidAttachmentIsWrittenCanonicallyAndDerivesItsMac() {
        NetworkAttachment a = NetworkAttachment.of("pe-3f9a2c1b", " 10.20.001.5/24 ");
        assertEquals("10.20.1.5/24", a.address());
        assertEquals("10.20.1.5", a.ip());
        assertEquals(24, a.prefix());
        assertEquals("10.20.1.255", a.broadcast());
        assertEquals(1500, a.mtu());
        assertEquals("0a:5e:0a:14:01:05", a.effectiveMac());
        assertEquals("02:aa:bb:cc:dd:ee", a.withMac("02:AA:BB:CC:DD:EE").effectiveMac());
        assertEquals(1400, a.withMtu(1400).mtu());
        assertEquals(a, new NetworkAttachment("pe-3f9a2c1b", "10.20.1.5/24", 1500, null));
    }

    @Test
    public void malformedAttachmentsAreRefusedNamingWhatIsWrong() {
        refused("bridge", () -> NetworkAttachment.of("a-bridge-name-too-long", "10.20.1.5/24"));
        refused("bridge", () -> NetworkAttachment.of("br 0", "10.20.1.5/24"));
        refused("bridge", () -> NetworkAttachment.of(null, "10.20.1.5/24"));
        refused("missing", () -> NetworkAttachment.of("br0", null));
        refused("CIDR", () -> NetworkAttachment.of("br0", "10.20.1.5"));
        refused("CIDR", () -> NetworkAttachment.of("br0", "10.20.1.256/24"));
        refused("CIDR", () -> NetworkAttachment.of("br0", "10.20.1/24"));
        refused("CIDR", () -> NetworkAttachment.of("br0", "10.20.1.5/x"));
        refused("prefix /31", () -> NetworkAttachment.of("br0", "10.20.1.5/31"));
        refused("network or broadcast", () -> NetworkAttachment.of("br0", "10.20.1.0/24"));
        refused("network or broadcast", () -> NetworkAttachment.of("br0", "10.20.1.255/24"));
        refused("MTU 575", () -> NetworkAttachment.of("br0", "10.20.1.5/24").withMtu(575));
        refused("MTU 9001", () -> NetworkAttachment.of("br0", "10.20.1.5/24").withMtu(9001));
        refused("six hex bytes", () -> NetworkAttachment.of("br0", "10.20.1.5/24").withMac("0a:5e:0a:14:01"));
        refused("multicast", () -> NetworkAttachment.of("br0", "10.20.1.5/24").withMac("01:00:5e:00:00:01"));
    }

    private static void refused(String why, Runnable make) {
        try {
            make.run();
            fail("accepted, expected a refusal mentioning " + why);
        } catch (ContainerException e) {
            assertEquals(ContainerException.INVALID_REQUEST, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains(why));
        }
    }
}
