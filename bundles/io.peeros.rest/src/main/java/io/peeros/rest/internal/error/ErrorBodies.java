package io.peeros.rest.internal.error;

import io.peeros.container.api.ContainerException;
import io.peeros.environment.api.BlueprintException;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.identity.api.IdentityException;
import io.peeros.registry.api.RegistryException;
import io.peeros.rest.internal.dto.ErrorDto;
import io.peeros.vpn.api.VpnException;
import javax.ws.rs.WebApplicationException;

/**
 * The error body an exception maps to, for answers whose status line has been sent already (the
 * {@code error} event of a stream): the same code, message and status the mappers would have answered with.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static ErrorDto of(Throwable e) {
        Object body;
        if (e instanceof ContainerException container) {
            body = new ContainerExceptionMapper().toResponse(container).getEntity();
        } else if (e instanceof EnvironmentException environment) {
            body = new EnvironmentExceptionMapper().toResponse(environment).getEntity();
        } else if (e instanceof BlueprintException blueprint) {
            body = new ErrorDto(blueprint.code(), blueprint.getMessage(), 400);
        } else if (e instanceof VpnException vpn) {
            body = new VpnExceptionMapper().toResponse(vpn).getEntity();
        } else if (e instanceof ApiException api) {
            body = new ApiExceptionMapper().toResponse(api).getEntity();
        } else if (e instanceof IdentityException identity) {
            body = new IdentityExceptionMapper().toResponse(identity).getEntity();
        } else if (e instanceof RegistryException registry) {
            body = new RegistryExceptionMapper().toResponse(registry).getEntity();
        } else if (e instanceof WebApplicationException web) {
            body = new WebApplicationExceptionMapper().toResponse(web).getEntity();
        } else {
            body = new UnexpectedExceptionMapper().toResponse(e).getEntity();
        }
        return (ErrorDto) body;
    }
}
