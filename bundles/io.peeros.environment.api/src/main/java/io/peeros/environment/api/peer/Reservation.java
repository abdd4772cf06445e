package io.peeros.environment.api.peer;

import io.peeros.container.api.Quota;
import java.util.Collection;

/**
 * Resources a builder holds on a hosting peer for the containers it is about to make there: the totals of their
 * quotas. The peer admits a reservation only if it fits in what is free after the quotas of the containers it
 * hosts and the other reservations; a container made for the environment turns its share of the reservation into
 * committed quota. A limit a quota leaves unset counts as 0.
 *
 * @param containers how many containers
 * @param memoryBytes the sum of their RAM limits
 * @param diskBytes the sum of their disk limits
 * @param cpuPercent the sum of their CPU limits, in percent of one CPU
 * @since 1.4
 */
public record Reservation(int containers, long memoryBytes, long diskBytes, long cpuPercent) {

    /** Nothing reserved. */
    public static final Reservation NONE = new Reservation(0, 0, 0, 0);

    public Reservation {
        if (containers < 0 || memoryBytes < 0 || diskBytes < 0 || cpuPercent < 0) {
            throw new IllegalArgumentException("a reservation holds no negative amount: " + containers
                    + " container(s), " + memoryBytes + " B RAM, " + diskBytes + " B disk, " + cpuPercent + " % CPU");
        }
    }

    /** The reservation of one container with {@code quota}. */
    public static Reservation of(Quota quota) {
        return new Reservation(1, orZero(quota.memoryBytes()), orZero(quota.diskBytes()),
                quota.cpuPercent() == null ? 0 : quota.cpuPercent());
    }

    /** The reservation of containers with these quotas. */
    public static Reservation of(Collection<Quota> quotas) {
        Reservation total = NONE;
        for (Quota q : quotas) {
            total = total.plus(of(q));
        }
        return total;
    }

    public Reservation plus(Reservation other) {
        return new Reservation(containers + other.containers, memoryBytes + other.memoryBytes,
                diskBytes + other.diskBytes, cpuPercent + other.cpuPercent);
    }

    /** This reservation less {@code other}, each amount at least 0. */
    public Reservation minus(Reservation other) {
        return new Reservation(Math.max(0, containers - other.containers),
                Math.max(0, memoryBytes - other.memoryBytes), Math.max(0, diskBytes - other.diskBytes),
                Math.max(0, cpuPercent - other.cpuPercent));
    }

    /** Whether nothing is reserved. */
    public boolean isNone() {
        return equals(NONE);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
