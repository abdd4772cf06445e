package io.peeros.rest.internal.dto;

/**
 * One step of a running upgrade, as {@code peer:upgrade} prints it.
 *
 * @param line the step, e.g. {@code Checking the peer's health (at most 60 s)...}
 */
public record UpgradeStepDto(String line) {
}
