package io.peeros.container.lxc.internal.network;

import static org.junit.Assert.assertEquals;

import io.peeros.container.api.PortMapping.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class HostPortsTest {

    private static final List<String> TCP = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
            "   1: 0200A8C0:D431 0100A8C0:0050 01 00000000:00000000 00:00000000 00000000     0        0 2 1");

    @Test
    public void aListeningTcpSocketHoldsItsPort() {
        assertEquals(Optional.of("127.0.0.1:8080"), HostPorts.holder(TCP, Protocol.TCP, 8080));
    }

    @Test
    public void anIpv4MappedAddressReadsAsIpv4() {
        List<String> tcp6 = List.of(
                "  0: 0000000000000000FFFF00000100007F:AF4D 00000000000000000000000000000000:0000 0A");
        assertEquals(Optional.of("127.0.0.1:44877"), HostPorts.holder(tcp6, Protocol.TCP, 44877));
    }

    @Test
    public void aConnectedTcpSocketDoesNotHoldItsLocalPort() {
        assertEquals(Optional.empty(), HostPorts.holder(TCP, Protocol.TCP, 0xD431));
    }

    @Test
    public void anyUdpSocketHoldsItsPort() {
        List<String> udp6 = List.of("  sl  local_address                         remote_address               st",
                "  7: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 0 0");
        assertEquals(Optional.of("[0:0:0:0:0:0:0:0]:53"), HostPorts.holder(udp6, Protocol.UDP, 53));
        assertEquals(Optional.empty(), HostPorts.holder(udp6, Protocol.UDP, 54));
    }
}
