package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Template;

/** The refusals and failures that several classes raise, worded once. */
final class Errors {

    private Errors() {
    }

    static ContainerException taken(String name) {
        return new ContainerException(ContainerException.NAME_TAKEN, "a container named " + name + " already exists");
    }

    static ContainerException notFound(String name) {
        return new ContainerException(ContainerException.NOT_FOUND, "no container named " + name);
    }

    static ContainerException invalidTemplate(Template template, String why) {
        return new ContainerException(ContainerException.INVALID_TEMPLATE,
                "template " + template.name() + " cannot be used: " + why);
    }

    static ContainerException failure(String what, Exception e) {
        return new ContainerException(ContainerException.LXC_FAILURE, "could not " + what + ": " + e.getMessage(), e);
    }
}
