package io.peeros.rest.internal.dto;

import java.util.List;

/**
 * What a build would do ({@code dryRun}).
 *
 * @param environmentId the id the environment would have
 * @param name the blueprint's name
 * @param subnet the subnet it would get
 * @param containers every container with its peer, address and limits, in creation order
 * @param warnings what the blueprint said that is accepted but not used
 */
public record PlanDto(String environmentId, String name, String subnet, List<PlannedContainerDto> containers,
        List<BlueprintErrorDto> warnings) {
}
