package io.peeros.rest.internal;

import io.peeros.identity.api.IssuedToken;
import io.peeros.identity.api.TokenService;
import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import io.peeros.rest.internal.dto.CredentialsDto;
import io.peeros.rest.internal.dto.TokenDto;
import io.peeros.rest.internal.error.ApiException;
import io.peeros.rest.internal.security.RateLimited;
import java.util.Arrays;
import javax.annotation.security.PermitAll;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code /auth/token}: trades a user name and password for a bearer token. */
@Path("/auth/token")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    private final UserService users;
    private final TokenService tokens;

    AuthResource(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** One answer for an unknown user and a wrong password, so the API does not tell which names exist. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @RateLimited
    public TokenDto issue(CredentialsDto credentials) {
        char[] password = credentials.password().toCharArray();
        try {
            User user = users.authenticate(credentials.user(), password)
                    .orElseThrow(() -> new ApiException(Response.Status.UNAUTHORIZED, "INVALID_CREDENTIALS",
                            "The user name or the password is wrong."));
            IssuedToken token = tokens.issue(user);
            return new TokenDto(token.token(), Iso8601.of(token.expires()), user.role().id());
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
