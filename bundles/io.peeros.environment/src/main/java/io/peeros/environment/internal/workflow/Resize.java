package io.peeros.environment.internal.workflow;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import java.util.List;

/** How a resize is recorded in the plan: the group's quota, so that a later grow uses it, and its containers'. */
final class Resize {

    private Resize() {
    }

    /** The plan with {@code group} and its containers given {@code quota} (an explicit quota: no size class). */
    static Plan recorded(Plan plan, ContainerGroup group, Quota quota) {
        ContainerGroup resized = new ContainerGroup(group.name(), group.hostnames(), group.template(), null, quota,
                group.count(), group.placement(), group.ports(), group.after(), group.provisioning());
        Blueprint b = plan.blueprint();
        List<ContainerGroup> groups = b.containers().stream()
                .map(g -> g.name().equals(group.name()) ? resized : g).toList();
        Blueprint blueprint = new Blueprint(b.fileName(), b.format(), b.name(), b.description(), b.variables(),
                b.values(), groups, b.sshKeys(), b.provisioning(), b.warnings());
        List<PlannedContainer> containers = plan.containers().stream()
                .map(p -> p.container().group().equals(group.name())
                        ? new PlannedContainer(p.container(), p.peerName(), quota) : p)
                .toList();
        return new Plan(plan.environmentId(), blueprint, plan.subnet(), containers);
    }
}
