package io.peeros.identity.internal.jaas;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.identity.api.Role;
import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.user.UserServiceImpl;
import io.peeros.identity.internal.vault.VaultFixture;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PeerOsLoginModuleTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private UserServiceImpl users;

    @Before
    public void setUp() {
        users = new UserServiceImpl(VaultFixture.create(folder.getRoot().toPath()), Configs.of(UserServiceImpl.Config.class));
    }

    @Test
    public void ownerLoginGetsUserAndAllAdminRoles() throws Exception {
        Subject subject = login("admin", VaultFixture.ADMIN_PASSWORD, configuration(Map.of(PeerOsLoginModule.USERS_OPTION, users)));

        assertEquals(Set.of("admin"), names(subject, UserPrincipal.class));
        assertEquals(new TreeSet<>(Set.of("admin", "manager", "viewer", "systembundles", "ssh")), names(subject, RolePrincipal.class));
    }

    @Test
    public void operatorAndViewerGetTheirKarafRoles() throws Exception {
        users.add("olga", "olga-long-password".toCharArray(), Role.OPERATOR);
        users.add("victor", "victor-long-password".toCharArray(), Role.VIEWER);
        Configuration config = configuration(Map.of(PeerOsLoginModule.USERS_OPTION, users));

        assertEquals(Set.of("operator", "manager", "viewer", "ssh"), names(login("olga", "olga-long-password", config), RolePrincipal.class));
        assertEquals(Set.of("viewer", "ssh"), names(login("victor", "victor-long-password", config), RolePrincipal.class));
    }

    @Test
    public void wrongPasswordFailsWithoutPrincipals() throws Exception {
        Subject subject = new Subject();
        try {
            new LoginContext("karaf", subject, handler("admin", "not-the-password"),
                    configuration(Map.of(PeerOsLoginModule.USERS_OPTION, users))).login();
            fail("logged in with a wrong password");
        } catch (FailedLoginException e) {
            assertThat(e.getMessage(), containsString("login failed"));
        }
        assertTrue(subject.getPrincipals().isEmpty());
    }

    @Test
    public void logoutRemovesThePrincipals() throws Exception {
        Subject subject = new Subject();
        LoginContext context = new LoginContext("karaf", subject, handler("admin", VaultFixture.ADMIN_PASSWORD),
                configuration(Map.of(PeerOsLoginModule.USERS_OPTION, users)));
        context.login();
        assertEquals(6, subject.getPrincipals().size());

        context.logout();

        assertTrue(subject.getPrincipals().isEmpty());
    }

    @Test
    public void missingUserServiceIsALoginError() {
        try {
            login("admin", VaultFixture.ADMIN_PASSWORD, configuration(Map.of()));
            fail();
        } catch (LoginException e) {
            assertThat(e.getMessage(), containsString("user service is not available"));
        }
    }

    static Subject login(String name, String password, Configuration config) throws LoginException {
        Subject subject = new Subject();
        new LoginContext("karaf", subject, handler(name, password), config).login();
        return subject;
    }

    static CallbackHandler handler(String name, String password) {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback n) {
                    n.setName(name);
                } else if (callback instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        };
    }

    static Set<String> names(Subject subject, Class<? extends Principal> type) {
        return subject.getPrincipals(type).stream().map(Principal::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Configuration configuration(Map<String, ?> options) {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(PeerOsLoginModule.class.getName(),
                        LoginModuleControlFlag.REQUIRED, options)};
            }
        };
    }
}
