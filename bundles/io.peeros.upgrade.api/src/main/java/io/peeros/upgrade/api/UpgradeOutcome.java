package io.peeros.upgrade.api;

/** How an upgrade ended. */
public enum UpgradeOutcome {
    /** Installed, and the health check passed. */
    SUCCEEDED,
    /** Only verified and simulated, as asked. */
    DRY_RUN,
    /** Refused before anything was installed (verification, version, missing feature...). */
    REFUSED,
    /** Installed, the health check failed, and the previous version was restored and is healthy. */
    ROLLED_BACK,
    /** Installed, the health check failed, and the restored previous version is not healthy either. */
    ROLLBACK_FAILED,
    /** Still running (only in a pending record). */
    RUNNING
}
