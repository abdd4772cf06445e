package io.peeros.upgrade.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.karaf.features.DeploymentEvent;
import org.apache.karaf.features.DeploymentListener;

/**
 * Waits for a deployment the features service has queued. A deployment that changes bundles announces
 * {@code DEPLOYMENT_STARTED} before it saves the new requirements and {@code DEPLOYMENT_FINISHED} when its bundles
 * are started; one without bundle changes only saves the requirements. So it is done when the requirements are the
 * target's and no deployment is between its start and its end.
 */
final class DeploymentWatch implements DeploymentListener {

    private boolean started;
    private boolean finished;

    @Override
    public synchronized void deploymentEvent(DeploymentEvent event) {
        if (event == DeploymentEvent.DEPLOYMENT_STARTED) {
            started = true;
            finished = false;
        } else if (event == DeploymentEvent.DEPLOYMENT_FINISHED && started) {
            finished = true;
        }
        notifyAll();
    }

    /** Waits until {@code deployed} holds with no deployment under way; fails after {@code timeout}. */
    synchronized void await(BooleanSupplier deployed, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!((!started || finished) && deployed.getAsBoolean())) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new IllegalStateException("the deployment did not complete in " + timeout.toSeconds()
                        + " s (see data/log/karaf.log)");
            }
            wait(Math.min(left, 200));
        }
    }
}
