package io.peeros.rest.internal;

import io.peeros.identity.api.Role;
import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import io.peeros.rest.internal.dto.NewUserDto;
import io.peeros.rest.internal.dto.PasswordDto;
import io.peeros.rest.internal.dto.UserDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RequiresRole;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriBuilder;

/** {@code /users}: the users of this peer. Admins manage them; every user may change their own password. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
@SecurityRequirement(name = OpenApi.BEARER)
public final class UsersResource {

    private final UserService users;

    UsersResource(UserService users) {
        this.users = users;
    }

    @GET
    public List<UserDto> list() {
        return users.list().stream().map(UsersResource::toDto).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewUserDto request) {
        Role role = Role.parse(request.role());
        char[] password = request.password().toCharArray();
        try {
            User user = users.add(request.name(), password, role);
            URI location = UriBuilder.fromResource(UsersResource.class).path(user.name()).build();
            return Response.created(location).entity(toDto(user)).build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @DELETE
    @Path("{name}")
    public void remove(@PathParam("name") String name) {
        users.remove(name);
    }

    /** An admin may set anyone's password; anyone else only their own. */
    @PUT
    @Path("{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public void changePassword(@PathParam("name") String name, PasswordDto request,
            @Context SecurityContext caller) {
        boolean self = caller.getUserPrincipal() != null && name.equals(caller.getUserPrincipal().getName());
        if (!self && !caller.isUserInRole(Role.ADMIN.id())) {
            throw new ApiException(Response.Status.FORBIDDEN, "ROLE_INSUFFICIENT",
                    "Only an admin may change another user's password.");
        }
        char[] password = request.password().toCharArray();
        try {
            users.changePassword(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static UserDto toDto(User user) {
        return new UserDto(user.name(), user.role().id(), Iso8601.of(user.created()));
    }
}
