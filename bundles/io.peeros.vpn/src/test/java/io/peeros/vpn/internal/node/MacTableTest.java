package io.peeros.vpn.internal.node;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The learning switch table: learn, move, age out, forget a removed member, stay bounded under a flood. */
public class MacTableTest {

    private static Member member(String hexStart) {
        return new Member(hexStart + "0".repeat(64 - hexStart.length()), null);
    }

    @Test
    public void learnsMovesAgesAndForgets() {
        MacTable t = new MacTable(300_000);
        Member a = member("aa");
        Member b = member("bb");
        long mac = 0x02_00_00_00_00_01L;
        assertNull(t.lookup(mac, 0));
        t.learn(mac, a, 1000);
        assertSame(a, t.lookup(mac, 2000));
        t.learn(mac, b, 3000);
        assertSame("the MAC moved to b", b, t.lookup(mac, 3000));
        assertNull("aged out after 5 min", t.lookup(mac, 3000 + 300_000));
        t.learn(mac, a, 400_000);
        t.forget(a);
        assertNull(t.lookup(mac, 400_001));
        t.learn(mac, b, 500_000);
        b.removed = true;
        assertNull("a removed member is never a destination", t.lookup(mac, 500_001));
    }

    @Test
    public void aFloodOfSourceMacsOnlyEvicts() {
        MacTable t = new MacTable(300_000);
        Member a = member("aa");
        Member evil = member("ee");
        for (long mac = 1; mac <= 200; mac++) {
            t.learn(mac << 8, a, 10);
        }
        for (long mac = 1; mac <= 1_000_000; mac++) {
            t.learn(0x0400_0000_0000L + mac, evil, 20);
        }
        assertTrue("fixed size: " + t.size(30), t.size(30) <= 4096);
        // the table keeps working: a MAC learned after the flood is found (it evicts the oldest entry)
        t.learn(0x0200_0000_0042L, a, 40);
        assertSame(a, t.lookup(0x0200_0000_0042L, 41));
    }
}
