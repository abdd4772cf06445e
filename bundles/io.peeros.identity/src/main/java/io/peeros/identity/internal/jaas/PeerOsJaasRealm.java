package io.peeros.identity.internal.jaas;

import io.peeros.identity.api.UserService;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Replaces Karaf's "karaf" realm (rank 0) with the PeerOS users, so the SSH shell, the REST API and the web
 * console share one set of users. Karaf's {@link ProxyLoginModule} loads {@link PeerOsLoginModule} from
 * this bundle, named by bundle id in the options.
 */
@Component(name = PeerOsJaasRealm.PID, service = JaasRealm.class)
public final class PeerOsJaasRealm implements JaasRealm {

    public static final String PID = "io.peeros.identity.JaasRealm";
    static final String REALM = "karaf";
    static final int RANK = 100;

    private final AppConfigurationEntry[] entries;

    @Activate
    public PeerOsJaasRealm(@Reference UserService users, BundleContext context) {
        this(users, context.getBundle().getBundleId());
    }

    PeerOsJaasRealm(UserService users, long bundleId) {
        Map<String, Object> options = Map.of(
                ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(bundleId),
                ProxyLoginModule.PROPERTY_MODULE, PeerOsLoginModule.class.getName(),
                PeerOsLoginModule.USERS_OPTION, users);
        this.entries = new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return RANK;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
