package io.peeros.environment.internal.agent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.peeros.container.api.ContainerMetrics;
import io.peeros.container.api.ContainerState;
import io.peeros.container.api.HostMetrics;
import io.peeros.container.api.Quota;
import io.peeros.environment.api.peer.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class LedgerTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration EXPIRY = Duration.ofHours(1);
    private final HostMetrics host = new HostMetrics(NOW, 2, 0, 0, 16 * GIB, 8 * GIB, 0, 0, 100 * GIB, 50 * GIB,
            0, 0);

    private static HostedRecord record(String id, Map<String, Quota> quotas, Reservation reserved, Instant contact) {
        return new HostedRecord(id, id, "b".repeat(64), "10.200.1.0/24", Set.of(), List.copyOf(quotas.keySet()),
                quotas, reserved, false, contact, null);
    }

    private static Quota quota(long ramMiB, long diskGiB, int cpu) {
        return Quota.NONE.withMemoryBytes(ramMiB * MIB).withDiskBytes(diskGiB * GIB).withCpuPercent(cpu);
    }

    @Test
    public void freeIsAvailableLessTheUnusedPartOfLimitsLessLiveReservations() {
        // given a container with 2 GiB / 10 GiB limits that uses 512 MiB / 4 GiB, a live and an expired reservation
        HostedRecord hosted = record("e1", Map.of("c1", quota(2048, 10, 50)), Reservation.NONE, NOW);
        HostedRecord live = record("e2", Map.of(), new Reservation(2, GIB, 5 * GIB, 100), NOW.minusSeconds(60));
        HostedRecord stale = record("e3", Map.of(), new Reservation(1, 4 * GIB, 0, 400), NOW.minus(Duration.ofHours(2)));
        Map<String, ContainerMetrics> usage = Map.of("c1", new ContainerMetrics("c1", ContainerState.RUNNING, NOW, 0,
                512 * MIB, -1, 0, 1, 4 * GIB, 0, 0));

        // when
        Ledger.Free free = Ledger.free(host, 2, 400, List.of(hosted, live, stale), usage, null, NOW, EXPIRY);

        // then 8 GiB - 1.5 GiB unused - 1 GiB reserved; 50 GiB - 6 GiB - 5 GiB; 800 % - 50 - 100
        assertEquals(8 * GIB - 1536 * MIB - GIB, (long) free.memoryBytes());
        assertEquals(50 * GIB - 6 * GIB - 5 * GIB, (long) free.diskBytes());
        assertEquals(650, free.cpuPercent());
    }

    @Test
    public void theReservationBeingReplacedIsLeftOut() {
        HostedRecord own = record("e1", Map.of(), new Reservation(1, 6 * GIB, 0, 0), NOW);
        Ledger.Free free = Ledger.free(host, 2, 400, List.of(own), Map.of(), "e1", NOW, EXPIRY);
        assertEquals(8 * GIB, (long) free.memoryBytes());
        assertNull(Ledger.refusal(free, new Reservation(1, 7 * GIB, 0, 0)));
    }

    @Test
    public void aReservationThatDoesNotFitNamesTheResourceWantedAndAvailable() {
        Ledger.Free free = new Ledger.Free(512 * MIB, 50 * GIB, 800);
        assertEquals("RAM: wanted 1.5 GiB, available 512 MiB",
                Ledger.refusal(free, new Reservation(1, 1536 * MIB, GIB, 50)));
        assertEquals("disk: wanted 60.0 GiB, available 50.0 GiB",
                Ledger.refusal(free, new Reservation(1, 0, 60 * GIB, 50)));
        assertEquals("CPU: wanted 900 % of a CPU, available 800 %",
                Ledger.refusal(free, new Reservation(1, 0, 0, 900)));
        assertNull(Ledger.refusal(free, new Reservation(1, 512 * MIB, 50 * GIB, 800)));
    }

    @Test
    public void whatTheHostCannotMeasureIsNotLimitedAndNothingWantedAlwaysFits() {
        Ledger.Free unknown = Ledger.free(null, 2, 400, List.of(), Map.of(), null, NOW, EXPIRY);
        assertNull(unknown.memoryBytes());
        assertNull(Ledger.refusal(unknown, new Reservation(1, 100 * GIB, 100 * GIB, 10)));
        assertNull(Ledger.refusal(new Ledger.Free(-GIB, -GIB, -5), Reservation.NONE));
    }

    @Test
    public void aContainerTurnsItsShareOfTheReservationIntoCommittedQuota() {
        HostedRecord r = record("e1", Map.of(), new Reservation(2, 2 * GIB, 20 * GIB, 100), NOW)
                .withContainer("c1", quota(1024, 10, 50));
        assertEquals(new Reservation(1, GIB, 10 * GIB, 50), r.reservation());
        assertEquals(quota(1024, 10, 50), r.quotas().get("c1"));
        Ledger.Free free = Ledger.free(host, 2, 400, List.of(r), Map.of(), null, NOW, EXPIRY);
        assertEquals(8 * GIB - 2 * GIB, (long) free.memoryBytes());
    }
}
