package io.peeros.rest.internal.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /environments/{id}/grow} and {@code /shrink}: the group is required, the count is 1 unless given.
 * A class rather than a record because {@code count} is optional.
 */
public final class ResizeDto {

    /** The blueprint group to change. */
    @JsonProperty
    private String group;

    /** How many containers to add or remove, 1 to 100. */
    @JsonProperty
    private Integer count;

    public ResizeDto() {
    }

    public ResizeDto(String group, Integer count) {
        this.group = group;
        this.count = count;
    }

    public String group() {
        return group;
    }

    public int count() {
        return count == null ? 1 : count;
    }
}
