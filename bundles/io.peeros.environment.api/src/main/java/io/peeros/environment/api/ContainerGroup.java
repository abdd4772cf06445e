package io.peeros.environment.api;

import io.peeros.container.api.Quota;
import io.peeros.container.api.SizeClass;
import java.util.List;
import java.util.Objects;

/**
 * A group of identical containers: same template, same size, same placement rule.
 *
 * @param name the group name, a DNS label unique in the blueprint; {@code after}, step targets and the
 *        Ansible inventory refer to it
 * @param hostnames the hostname of each container, {@code count} of them: the {@code hostname} pattern with
 *        {@code {n}} replaced by 1…count, or the name itself for a single container, or {@code name-{n}}
 * @param template the template the containers are cloned from (e.g. {@code debian-12}, {@code busybox})
 * @param size the size class, or {@code null} when an explicit {@code quota} is given
 * @param quota the explicit limits (CPU percent, memory, disk), or {@code null} when a size class is given
 * @param count how many containers, 1 to 100
 * @param placement where the containers may go
 * @param ports the container ports to expose outside the environment
 * @param after the groups that must be running and provisioned before this one is created
 * @param provisioning this group's own steps, run on its containers once they are up
 */
public record ContainerGroup(String name, List<String> hostnames, String template, SizeClass size, Quota quota,
        int count, Placement placement, List<ExposedPort> ports, List<String> after,
        List<ProvisioningStep> provisioning) {

    public ContainerGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(placement, "placement");
        hostnames = List.copyOf(hostnames);
        ports = List.copyOf(ports);
        after = List.copyOf(after);
        provisioning = List.copyOf(provisioning);
    }
}
