package io.peeros.container.lxc.internal.metrics;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/** Parsing /proc/stat, /proc/meminfo and net/dev as the kernel writes them. */
public class ProcFilesTest {

    @Test
    public void cpuTimeIsBusyAndTotalOverAllCpus() {
        ProcFiles.Cpu cpu = ProcFiles.cpu(List.of(
                "cpu  100 5 50 800 40 3 2 1 7 0",
                "cpu0 50 2 25 400 20 1 1 0 3 0",
                "cpu1 50 3 25 400 20 2 1 1 4 0",
                "intr 12345 0 0",
                "ctxt 999"));
        assertEquals(2, cpu.cpus());
        // user+nice+system+irq+softirq+steal = 161 busy ticks of 1001 (guest is inside user)
        assertEquals(161 * ProcFiles.NANOS_PER_TICK, cpu.busyNanos());
        assertEquals(1001 * ProcFiles.NANOS_PER_TICK, cpu.totalNanos());
    }

    @Test
    public void meminfoIsInKibibytes() {
        List<String> m = List.of("MemTotal:       24684100 kB", "MemAvailable:   23000000 kB", "HugePages_Total:       0");
        assertEquals(24684100L * 1024, ProcFiles.meminfo(m, "MemTotal"));
        assertEquals(0, ProcFiles.meminfo(m, "HugePages_Total"));
        assertEquals(0, ProcFiles.meminfo(m, "SwapTotal"));
    }

    @Test
    public void netDevSumsTheChosenInterfaces() {
        List<String> dev = List.of(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
                "    lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0",
                "  eth0: 5000 50 0 0 0 0 0 0 7000 70 0 0 0 0 0 0",
                "  eth1:12 1 0 0 0 0 0 0 34 1 0 0 0 0 0 0");
        assertArrayEquals(new long[] {5012, 7034}, ProcFiles.netDev(dev, n -> !n.equals("lo")));
    }
}
