package io.peeros.rest.internal;

import io.peeros.rest.internal.error.ApiException;
import io.peeros.upgrade.api.UpgradeService;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.core.Response;

/**
 * The upgrade service as it comes and goes (it may be updating itself). A call made while it is absent answers
 * 503.
 */
final class UpgradeServices {

    /** The code of an upgrade call made while no upgrade service runs. */
    static final String UNAVAILABLE = "UPGRADE_UNAVAILABLE";

    private final AtomicReference<UpgradeService> upgrades = new AtomicReference<>();

    UpgradeService upgrades() {
        UpgradeService service = upgrades.get();
        if (service == null) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, UNAVAILABLE, "No upgrade service runs on this"
                    + " peer (is the peeros-upgrade feature installed and started?); try again later.");
        }
        return service;
    }

    void bind(UpgradeService service) {
        upgrades.set(service);
    }

    /** Forgets {@code service} unless another one has replaced it already. */
    void unbind(UpgradeService service) {
        upgrades.compareAndSet(service, null);
    }
}
