package io.peeros.identity.internal;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider to pass explicitly to JCA calls. Inside Karaf BC is installed once as a
 * framework extension and registered as "BC"; elsewhere (unit tests) a private instance is used. This
 * class never registers a provider: that would be a JVM-wide side effect that outlives the bundle.
 */
public final class Bc {

    private Bc() {
    }

    /** The registered "BC" provider, or a private instance when none is registered. */
    public static Provider provider() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return registered != null ? registered : Private.INSTANCE;
    }

    // Lazy holder: building a BouncyCastleProvider is expensive, and inside Karaf it is never needed.
    private static final class Private {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
