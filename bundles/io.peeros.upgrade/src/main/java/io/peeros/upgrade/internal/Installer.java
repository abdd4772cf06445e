package io.peeros.upgrade.internal;

/** Moves the features service from one {@link FeaturesState} to another, as one deployment. */
interface Installer {

    FeaturesState current();

    /**
     * Deploys {@code target}: bundles whose location changed are updated in place, bundles wired to an updated
     * one refreshed, nothing else touched. With {@code simulate} the deployment is only computed and printed,
     * and the repository list is put back as it was.
     */
    void apply(FeaturesState target, boolean simulate) throws Exception;
}
