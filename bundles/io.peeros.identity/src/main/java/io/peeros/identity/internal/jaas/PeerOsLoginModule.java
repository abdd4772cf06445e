package io.peeros.identity.internal.jaas;

import io.peeros.identity.api.User;
import io.peeros.identity.api.UserService;
import io.peeros.identity.internal.Secrets;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Checks a name and password against the PeerOS users and, on success, gives the subject a
 * {@link UserPrincipal} and a {@link RolePrincipal} for the PeerOS role and each Karaf role it implies.
 * Karaf's {@code ProxyLoginModule} creates it with the user service in option {@value #USERS_OPTION}.
 */
public final class PeerOsLoginModule implements LoginModule {

    /** The option that carries the {@link UserService} instance. */
    public static final String USERS_OPTION = "io.peeros.identity.users";

    private Subject subject;
    private CallbackHandler callbackHandler;
    private UserService users;
    private User user;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        this.users = options.get(USERS_OPTION) instanceof UserService service ? service : null;
    }

    @Override
    public boolean login() throws LoginException {
        if (users == null) {
            throw new LoginException("the PeerOS user service is not available");
        }
        if (callbackHandler == null) {
            throw new LoginException("no callback handler to ask for a name and password");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        char[] secret = null;
        try {
            callbackHandler.handle(new Callback[] {name, password});
            secret = password.getPassword();
            Optional<User> found = secret == null ? Optional.empty() : users.authenticate(name.getName(), secret);
            user = found.orElseThrow(() -> new FailedLoginException("login failed for user '" + name.getName() + "'"));
            return true;
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot ask for a name and password: " + e.getMessage());
        } finally {
            Secrets.wipe(secret);
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user.name()));
        for (String role : KarafRoles.of(user.role())) {
            principals.add(new RolePrincipal(role));
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        boolean hadUser = user != null;
        user = null;
        return hadUser;
    }
}
