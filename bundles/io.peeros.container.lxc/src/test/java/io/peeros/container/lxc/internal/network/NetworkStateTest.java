package io.peeros.container.lxc.internal.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.container.api.PortMapping;
import io.peeros.container.api.PortMapping.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class NetworkStateTest {

    private static final Ipv4Subnet SUBNET = Ipv4Subnet.parse("10.9.8.0/29");

    private static NetworkState leased(NetworkState s, String name) {
        return s.withLease(new Lease(name, s.freeAddress(SUBNET).getAsInt(), "/var/lib/lxc"));
    }

    @Test
    public void leasesTakeTheLowestFreeAddressAfterTheGateway() {
        NetworkState s = leased(leased(leased(NetworkState.EMPTY, "a"), "b"), "c");
        assertEquals("10.9.8.2", s.lease("a").orElseThrow().dotted());
        assertEquals("10.9.8.4", s.lease("c").orElseThrow().dotted());

        // a freed address is the next one given, with the same MAC
        NetworkState freed = s.without("b");
        NetworkState d = leased(freed, "d");
        assertEquals("10.9.8.3", d.lease("d").orElseThrow().dotted());
        assertEquals(s.lease("b").orElseThrow().hwaddr(), d.lease("d").orElseThrow().hwaddr());
        assertEquals("0a:50:0a:09:08:03", d.lease("d").orElseThrow().hwaddr());
    }

    @Test
    public void aFullSubnetHasNoFreeAddress() {
        NetworkState s = NetworkState.EMPTY;
        for (int i = 0; i < 5; i++) { // .2 to .6 of a /29; .1 is the gateway and .7 the broadcast
            s = leased(s, "c" + i);
        }
        assertTrue(s.freeAddress(SUBNET).isEmpty());
    }

    @Test
    public void withoutRemovesTheLeaseAndTheMappingsOfOneContainer() {
        NetworkState s = leased(leased(NetworkState.EMPTY, "a"), "b")
                .withPort(new PortMapping("a", Protocol.TCP, 8080, 80))
                .withPort(new PortMapping("a", Protocol.UDP, 8080, 53))
                .withPort(new PortMapping("b", Protocol.TCP, 2222, 22));
        NetworkState t = s.without("a");
        assertFalse(t.lease("a").isPresent());
        assertEquals(List.of(new PortMapping("b", Protocol.TCP, 2222, 22)), t.ports());
        assertEquals(2, s.ports("a").size());
        assertEquals(List.of(new PortMapping("b", Protocol.TCP, 2222, 22)), s.withoutPort(Protocol.TCP, 8080)
                .withoutPort(Protocol.UDP, 8080).ports());
    }

    @Test
    public void serializeAndParseRoundTrip() {
        NetworkState s = leased(leased(NetworkState.EMPTY, "web"), "db").withLease(new Lease("odd", SUBNET.lastHost(),
                "/srv/lxc with space")).withPort(new PortMapping("web", Protocol.UDP, 53, 5353))
                .withPort(new PortMapping("web", Protocol.TCP, 443, 8443));
        NetworkState back = NetworkState.parse(s.serialize().lines().toList());
        assertEquals(s, back);
        assertEquals("/srv/lxc with space", back.lease("odd").orElseThrow().lxcPath());
        assertEquals(Protocol.TCP, back.ports().get(0).protocol());
    }

    @Test
    public void environmentBridgesRoundTripAndGoWithTheirContainer() {
        NetworkState s = NetworkState.EMPTY.withBridges("a", Set.of("pe-1", "pe-2"))
                .withBridges("b", Set.of("pe-2"));
        assertEquals(Set.of("pe-1", "pe-2"), s.environmentBridges());
        NetworkState back = NetworkState.parse(s.serialize().lines().toList());
        assertEquals(s, back);
        assertEquals(Set.of("pe-2"), s.without("a").environmentBridges());
        assertEquals(Set.of(), s.withBridges("a", Set.of()).withBridges("b", Set.of())
                .environmentBridges());
    }

    @Test
    public void malformedLinesFailWithTheirNumber() {
        try {
            NetworkState.parse(List.of("# comment", "lease a 10.9.8.2 /x", "port a sctp 1 2"));
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("line 3 "));
        }
    }
}
