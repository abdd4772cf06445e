package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code POST /environments/{id}/resize}: the group and, beside it, the fields of a {@link QuotaDto}
 * ({@code sizeClass}, {@code cpuPercent}, {@code memoryBytes}, {@code diskBytes}, ...), each optional.
 */
public final class GroupQuotaDto {

    /** The blueprint group to resize. */
    @JsonProperty
    private String group;

    @JsonUnwrapped
    private QuotaDto quota = new QuotaDto();

    public GroupQuotaDto() {
    }

    public String group() {
        return group;
    }

    public QuotaDto quota() {
        return quota == null ? new QuotaDto() : quota;
    }
}
