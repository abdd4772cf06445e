package io.peeros.identity.internal.jaas;

import io.peeros.identity.api.UserService;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Replaces Karaf's "karaf" realm (rank 0) with the PeerOS users, so the SSH shell, the REST API and the web
 * console share one set of users. Karaf's {@link ProxyLoginModule} loads {@link PeerOsLoginModule} from
 * this bundle, named by bundle id in the options.
 *
 * <p>The user service is optional on purpose: while it is missing (vault locked, bundle updating) this realm
 * stays registered and refuses every login, instead of letting Karaf fall back to {@code users.properties}.
 */
@Component(name = PeerOsJaasRealm.PID, service = JaasRealm.class)
public final class PeerOsJaasRealm implements JaasRealm {

    public static final String PID = "io.peeros.identity.JaasRealm";
    static final String REALM = "karaf";
    static final int RANK = 100;

    private final long bundleId;
    private volatile UserService users;

    @Activate
    public PeerOsJaasRealm(BundleContext context) {
        this(context.getBundle().getBundleId());
    }

    PeerOsJaasRealm(long bundleId) {
        this.bundleId = bundleId;
    }

    @Reference(name = "users", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setUsers(UserService service) {
        users = service;
    }

    void unsetUsers(UserService service) {
        if (users == service) {
            users = null;
        }
    }

    @Override
    public String getName() {
        return REALM;
    }

    @Override
    public int getRank() {
        return RANK;
    }

    // Karaf asks for the entries on every login, so they always carry the current user service.
    @Override
    public AppConfigurationEntry[] getEntries() {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(bundleId));
        options.put(ProxyLoginModule.PROPERTY_MODULE, PeerOsLoginModule.class.getName());
        UserService current = users;
        if (current != null) {
            options.put(PeerOsLoginModule.USERS_OPTION, current);
        }
        return new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED, options)};
    }
}
