package io.peeros.container.lxc.internal.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class Ipv4SubnetTest {

    @Test
    public void theGatewayIsTheFirstAddressAndContainersFollow() {
        Ipv4Subnet s = Ipv4Subnet.parse("10.251.0.0/16");
        assertEquals("10.251.0.0/16", s.toString());
        assertEquals("10.251.0.1", Ipv4Subnet.format(s.gateway()));
        assertEquals("10.251.0.2", Ipv4Subnet.format(s.firstHost()));
        assertEquals("10.251.255.254", Ipv4Subnet.format(s.lastHost()));
        assertEquals("10.251.255.255", Ipv4Subnet.format(s.broadcast()));
        assertTrue(s.contains(Ipv4Subnet.parseAddress("10.251.3.4")));
        assertFalse(s.contains(Ipv4Subnet.parseAddress("10.252.0.1")));
    }

    @Test
    public void highAddressesAreUnsigned() {
        Ipv4Subnet s = Ipv4Subnet.parse("192.168.4.0/30");
        assertEquals("192.168.4.2", Ipv4Subnet.format(s.firstHost()));
        assertEquals(s.firstHost(), s.lastHost());
        assertEquals("192.168.4.3", Ipv4Subnet.format(s.broadcast()));
    }

    @Test
    public void overlapsWhenOneContainsTheOther() {
        Ipv4Subnet s = Ipv4Subnet.parse("10.251.0.0/16");
        assertTrue(s.overlaps(Ipv4Subnet.parseAddress("10.0.0.0"), 8));
        assertTrue(s.overlaps(Ipv4Subnet.parseAddress("10.251.7.0"), 24));
        assertTrue(s.overlaps(Ipv4Subnet.parseAddress("10.251.7.9"), 32));
        assertFalse(s.overlaps(Ipv4Subnet.parseAddress("10.250.0.0"), 16));
        assertFalse(s.overlaps(Ipv4Subnet.parseAddress("192.0.2.0"), 24));
    }

    @Test
    public void malformedSubnetsAreRefused() {
        for (String bad : new String[] {"10.251.0.0", "10.251.0.1/16", "10.251.0.0/31", "10.0.0.0/7", "10.251.0/16",
            "10.251.0.256/24", "a.b.c.d/8", "10.251.0.0/x", "", " /16"}) {
            try {
                Ipv4Subnet.parse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().length() > 10);
            }
        }
    }
}
