package io.peeros.shell.internal.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.ContainerState;
import io.peeros.container.api.Quota;
import io.peeros.shell.internal.Console;
import io.peeros.container.api.testing.FakeContainerManager;
import io.peeros.container.api.testing.FakeQuotaService;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

public class QuotaCommandTest {

    @Rule
    public final Console console = new Console();

    private final FakeContainerManager containers = new FakeContainerManager()
            .with("web", "busybox:1.0.0", ContainerState.RUNNING);
    private final FakeQuotaService quotas = new FakeQuotaService(containers);

    private QuotaCommand command() {
        QuotaCommand command = new QuotaCommand();
        command.containers = containers;
        command.quotas = quotas;
        command.name = "web";
        return command;
    }

    @Test
    public void withoutOptionsShowsTheLimits() throws Exception {
        console.run(command());

        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.contains("Size class|none"));
        assertTrue(out, out.contains("RAM|unlimited"));
        assertTrue(out, out.contains("Network|unlimited"));
        assertEquals(List.of(), quotas.calls);
    }

    @Test
    public void aSizeClassAloneUsesTheServicesSizeClass() throws Exception {
        QuotaCommand command = command();
        command.size = "small";

        console.run(command);

        assertEquals(List.of("setSizeClass web SMALL"), quotas.calls);
        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.startsWith("Limits of web now:"));
        assertTrue(out, out.contains("Size class|SMALL"));
        assertTrue(out, out.contains("RAM|512.0 MiB"));
        assertTrue(out, out.contains("CPU|25% of one CPU"));
        assertTrue(out, out.contains("Disk|10.0 GiB"));
    }

    @Test
    public void optionsGoOnTopOfTheSizeClassAndTheLimitsSetInOneCall() throws Exception {
        quotas.setQuota("web", Quota.NONE.withPids(100L));
        quotas.calls.clear();
        QuotaCommand command = command();
        command.size = "TINY";
        command.ram = "300M";
        command.swap = "1G";
        command.cpuWeight = "200";
        command.cpuset = "0-1";
        command.net = "100M";

        console.run(command);

        Quota expected = new Quota(200, 10, "0-1", 300L << 20, 1L << 30, 100L, 4L << 30, 100_000_000L);
        assertEquals(List.of("setQuota web " + expected), quotas.calls);
        String out = console.out().replaceAll(" *\\| *", "|");
        assertTrue(out, out.contains("Size class|custom"));
        assertTrue(out, out.contains("Network|100.0 Mbit/s"));
        assertTrue(out, out.contains("Processes|100"));
    }

    @Test
    public void clearStartsFromNoLimits() throws Exception {
        quotas.setQuota("web", Quota.NONE.withPids(100L).withCpuPercent(50));
        quotas.calls.clear();
        QuotaCommand command = command();
        command.clear = true;
        command.disk = "2G";

        console.run(command);

        assertEquals(List.of("setQuota web diskBytes=2147483648"), quotas.calls);
    }

    @Test
    public void badValuesAreRefusedBeforeAnythingChanges() throws Exception {
        QuotaCommand command = command();
        command.ram = "lots";
        console.run(command);
        command.ram = null;
        command.size = "giant";
        console.run(command);
        command.size = null;
        command.ram = "1M";
        console.run(command);
        command.quotas = null;
        console.run(command);

        assertEquals(List.of("Error: --ram 'lots' is not a size such as 512M, 4G or 100G [INVALID_REQUEST]",
                "Error: unknown size class giant: the size classes are TINY, SMALL, MEDIUM, LARGE, HUGE"
                        + " [INVALID_REQUEST]",
                "Error: memory limit 1048576 is below 16 MiB [INVALID_REQUEST]",
                "Error: the quota service is not available: is the PeerOS container bundle installed and started?"
                        + " [QUOTAS_UNAVAILABLE]"), console.err().lines().toList());
        assertEquals(Quota.NONE, quotas.quota("web"));
    }

    @Test
    public void ratesInDecimalUnits() {
        assertEquals("999 bit/s", QuotaCommand.rate(999));
        assertEquals("1.5 Gbit/s", QuotaCommand.rate(1_500_000_000L));
    }
}
