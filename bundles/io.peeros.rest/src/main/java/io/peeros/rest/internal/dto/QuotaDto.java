package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The resource limits of a container; see {@link io.peeros.container.api.Quota}. Every field is optional and
 * an absent or null one means "no limit of this kind". In a {@code PUT}, {@code sizeClass} ({@code TINY} to
 * {@code HUGE}) gives the RAM, CPU percent and disk limits of that class, and the other fields override it; in
 * an answer it names the class whose limits the container has, if any. A class rather than a record because
 * the API's JSON binding refuses a record with missing fields.
 */
public final class QuotaDto {

    @JsonProperty
    private String sizeClass;
    /** Relative CPU share under contention, 1–10000 (100 is the default). */
    @JsonProperty
    private Integer cpuWeight;
    /** Most CPU time in percent of one CPU (200 is two CPUs). */
    @JsonProperty
    private Integer cpuPercent;
    /** Host CPUs in kernel list syntax, e.g. {@code 0-3}. */
    @JsonProperty
    private String cpuset;
    @JsonProperty
    private Long memoryBytes;
    /** Swap on top of {@code memoryBytes}. */
    @JsonProperty
    private Long swapBytes;
    @JsonProperty
    private Long pids;
    @JsonProperty
    private Long diskBytes;
    /** Bits per second each way. */
    @JsonProperty
    private Long networkBitsPerSecond;

    public QuotaDto() {
    }

    public QuotaDto(String sizeClass, Integer cpuWeight, Integer cpuPercent, String cpuset, Long memoryBytes,
            Long swapBytes, Long pids, Long diskBytes, Long networkBitsPerSecond) {
        this.sizeClass = sizeClass;
        this.cpuWeight = cpuWeight;
        this.cpuPercent = cpuPercent;
        this.cpuset = cpuset;
        this.memoryBytes = memoryBytes;
        this.swapBytes = swapBytes;
        this.pids = pids;
        this.diskBytes = diskBytes;
        this.networkBitsPerSecond = networkBitsPerSecond;
    }

    public String sizeClass() {
        return sizeClass;
    }

    public Integer cpuWeight() {
        return cpuWeight;
    }

    public Integer cpuPercent() {
        return cpuPercent;
    }

    public String cpuset() {
        return cpuset;
    }

    public Long memoryBytes() {
        return memoryBytes;
    }

    public Long swapBytes() {
        return swapBytes;
    }

    public Long pids() {
        return pids;
    }

    public Long diskBytes() {
        return diskBytes;
    }

    public Long networkBitsPerSecond() {
        return networkBitsPerSecond;
    }
}
