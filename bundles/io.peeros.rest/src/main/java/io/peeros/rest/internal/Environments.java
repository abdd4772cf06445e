package io.peeros.rest.internal;

import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.Progress;
import io.peeros.rest.internal.dto.BlueprintErrorDto;
import io.peeros.rest.internal.dto.EnvironmentContainerDto;
import io.peeros.rest.internal.dto.EnvironmentDto;
import io.peeros.rest.internal.dto.EnvironmentProgressDto;
import io.peeros.rest.internal.dto.PlanDto;
import io.peeros.rest.internal.dto.PlannedContainerDto;
import java.util.Locale;
import java.util.Set;

/** Conversions and look-ups shared by the environment resources. */
final class Environments {

    /** The states in which no operation runs on an environment. */
    static final Set<EnvironmentState> SETTLED = Set.of(EnvironmentState.HEALTHY, EnvironmentState.FAILED,
            EnvironmentState.CANCELLED, EnvironmentState.DESTROYED);

    private Environments() {
    }

    /** An environment by id or name, or {@code ENVIRONMENT_NOT_FOUND} (404). */
    static Environment get(EnvironmentService service, String environment) {
        return service.get(environment).orElseThrow(() -> new EnvironmentException("ENVIRONMENT_NOT_FOUND",
                "This peer built no environment '" + environment + "' (or it was destroyed)."));
    }

    static EnvironmentDto toDto(Environment e) {
        return new EnvironmentDto(e.id(), e.name(), lowerCase(e.state()), e.initiatorPeerId(), e.subnet(),
                e.containers().stream().map(Environments::toDto).toList(), e.peerIds(), e.failure().orElse(null),
                Iso8601.of(e.created()), Iso8601.of(e.updated()));
    }

    static EnvironmentContainerDto toDto(EnvironmentContainer c) {
        return new EnvironmentContainerDto(c.name(), c.hostname(), c.group(), c.peerId(), c.address(),
                c.template(), c.ports().stream().map(Containers::toDto).toList());
    }

    static PlanDto toDto(Plan plan) {
        return new PlanDto(plan.environmentId(), plan.blueprint().name(), plan.subnet(),
                plan.containers().stream().map(Environments::toDto).toList(),
                plan.blueprint().warnings().stream().map(Environments::toDto).toList());
    }

    static PlannedContainerDto toDto(PlannedContainer p) {
        EnvironmentContainer c = p.container();
        return new PlannedContainerDto(c.name(), c.hostname(), c.group(), c.peerId(), p.peerName(), c.address(),
                c.template(), p.quota().cpuPercent(), p.quota().memoryBytes(), p.quota().diskBytes(),
                c.ports().stream().map(Containers::toDto).toList());
    }

    static BlueprintErrorDto toDto(BlueprintError e) {
        return new BlueprintErrorDto(e.file(), e.line(), e.column(), e.path(), e.message());
    }

    static EnvironmentProgressDto toDto(Progress p) {
        return new EnvironmentProgressDto(p.environmentId(), p.step(), p.peerId().filter(s -> !s.isEmpty())
                .orElse(null), lowerCase(p.phase()), p.message(), Iso8601.of(p.at()));
    }

    static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
