package io.peeros.container.lxc.internal;

import static org.junit.Assert.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.Test;

/** Parsing of the namespace's address tables. */
public class ProcNetTest {

    @Test
    public void localIpv4AddressesWithoutLoopback() throws Exception {
        List<String> fibTrie = """
                Main:
                  +-- 0.0.0.0/0 3 0 5
                     |-- 0.0.0.0
                        /0 universe UNICAST
                     +-- 10.213.7.0/24 2 0 2
                        |-- 10.213.7.0
                           /24 link UNICAST
                        |-- 10.213.7.2
                           /32 host LOCAL
                  +-- 127.0.0.0/8 2 0 2
                     |-- 127.0.0.1
                        /32 host LOCAL
                Local:
                  +-- 0.0.0.0/0 3 0 5
                     |-- 10.213.7.2
                        /32 host LOCAL
                """.lines().toList();
        assertEquals(List.of(InetAddress.getByName("10.213.7.2")), List.copyOf(ProcNet.ipv4(fibTrie)));
    }

    @Test
    public void globalIpv6AddressesOnly() throws Exception {
        List<String> ifInet6 = """
                00000000000000000000000000000001 01 80 10 80       lo
                fe80000000000000a8b0c4fffe1d2e3f 02 40 20 80     eth0
                fd420000000000000000000000000002 02 40 00 80     eth0
                """.lines().toList();
        assertEquals(List.of(InetAddress.getByName("fd42::2")), ProcNet.ipv6(ifInet6));
    }
}
