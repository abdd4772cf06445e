package io.peeros.rest.internal;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import io.peeros.rest.internal.dto.QuotaDto;
import java.util.Map;
import java.util.Objects;

/** Quotas between the API's DTO and the domain, with the size class a quota matches. */
final class Quotas {

    private Quotas() {
    }

    static QuotaDto toDto(Quota q, Map<SizeClass, Quota> classes) {
        return new QuotaDto(sizeClass(q, classes), q.cpuWeight(), q.cpuPercent(), q.cpuset(), q.memoryBytes(),
                q.swapBytes(), q.pids(), q.diskBytes(), q.networkBitsPerSecond());
    }

    /** The limits of {@code dto}: those of its size class, overridden by its other fields. */
    static Quota fromDto(QuotaDto dto, Map<SizeClass, Quota> classes) {
        Quota base = dto.sizeClass() == null ? Quota.NONE : classes.get(SizeClass.parse(dto.sizeClass()));
        Quota fields = new Quota(dto.cpuWeight(), dto.cpuPercent(), dto.cpuset(), dto.memoryBytes(),
                dto.swapBytes(), dto.pids(), dto.diskBytes(), dto.networkBitsPerSecond());
        return (base == null ? Quota.NONE : base).merge(fields);
    }

    /** The class whose RAM, CPU percent and disk limits {@code q} has, or {@code null}. */
    private static String sizeClass(Quota q, Map<SizeClass, Quota> classes) {
        for (Map.Entry<SizeClass, Quota> entry : classes.entrySet()) {
            Quota c = entry.getValue();
            if (c.memoryBytes() != null && c.memoryBytes().equals(q.memoryBytes())
                    && Objects.equals(c.cpuPercent(), q.cpuPercent()) && Objects.equals(c.diskBytes(), q.diskBytes())) {
                return entry.getKey().name();
            }
        }
        return null;
    }
}
