package io.peeros.identity.internal.jaas;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.fail;

import io.peeros.identity.internal.Configs;
import io.peeros.identity.internal.user.UserServiceImpl;
import io.peeros.identity.internal.vault.VaultFixture;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

public class PeerOsJaasRealmTest {

    private static final long BUNDLE_ID = 42;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private UserServiceImpl users;
    private PeerOsJaasRealm realm;

    @Before
    public void setUp() {
        users = new UserServiceImpl(VaultFixture.create(folder.getRoot().toPath()), Configs.of(UserServiceImpl.Config.class));
        realm = new PeerOsJaasRealm(BUNDLE_ID);
        realm.setUsers(users);
    }

    @Test
    public void realmOverridesKarafsDefaultWithOneRequiredProxiedModule() {
        AppConfigurationEntry[] entries = realm.getEntries();

        assertEquals("karaf", realm.getName());
        assertEquals(100, realm.getRank());
        assertEquals(1, entries.length);
        assertEquals(ProxyLoginModule.class.getName(), entries[0].getLoginModuleName());
        assertEquals(LoginModuleControlFlag.REQUIRED, entries[0].getControlFlag());
        assertEquals("42", entries[0].getOptions().get(ProxyLoginModule.PROPERTY_BUNDLE));
        assertEquals(PeerOsLoginModule.class.getName(), entries[0].getOptions().get(ProxyLoginModule.PROPERTY_MODULE));
        assertSame(users, entries[0].getOptions().get(PeerOsLoginModule.USERS_OPTION));
    }

    @Test
    public void karafsProxyLoginModuleLoadsOurModuleFromTheNamedBundle() throws Exception {
        ProxyLoginModule.init(context(BUNDLE_ID));
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return realm.getName().equals(name) ? realm.getEntries() : null;
            }
        };

        Subject subject = PeerOsLoginModuleTest.login("admin", VaultFixture.ADMIN_PASSWORD, config);

        assertEquals(Set.of("admin"), PeerOsLoginModuleTest.names(subject, UserPrincipal.class));
    }

    @Test
    public void withoutTheUserServiceTheRealmStaysAndRefusesEveryLogin() throws Exception {
        ProxyLoginModule.init(context(BUNDLE_ID));
        realm.unsetUsers(users);
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return realm.getEntries();
            }
        };
        try {
            PeerOsLoginModuleTest.login("admin", VaultFixture.ADMIN_PASSWORD, config);
            fail("logged in without a user service");
        } catch (LoginException e) {
            assertThat(e.getMessage(), containsString("user service is not available"));
        }
        assertEquals(1, realm.getEntries().length);
    }

    /** A framework that knows one bundle, which loads classes from the test class path. */
    private static BundleContext context(long id) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> {
                    if (method.getName().equals("loadClass")) {
                        return Class.forName((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                    if (method.getName().equals("getBundle") && args != null && args[0].equals(id)) {
                        return bundle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
