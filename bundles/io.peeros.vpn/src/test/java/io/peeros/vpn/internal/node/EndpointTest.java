package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import org.junit.Test;

public class EndpointTest {

    @Test
    public void roundTripsAndRejectsUnusable() {
        Endpoint e = Endpoint.parse("198.18.2.2:7946");
        assertEquals("198.18.2.2:7946", e.toString());
        assertEquals(new InetSocketAddress("198.18.2.2", 7946), e.toInet());
        assertTrue(e.is(0xC6120202, 7946));
        assertTrue(e.isUsable());
        assertFalse(new Endpoint(0, 7946).isUsable());
        assertFalse(Endpoint.parse("127.0.0.1:7946").isUsable());
        assertFalse(Endpoint.parse("10.0.0.1:0").isUsable());
        assertEquals(Long.parseUnsignedLong("ffeeddccbbaa9988", 16), Inner.prefix("ffeeddccbbaa9988" + "0".repeat(48)));
    }
}
