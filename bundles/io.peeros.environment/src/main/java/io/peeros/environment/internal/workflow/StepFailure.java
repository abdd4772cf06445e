package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ContainerException;
import io.peeros.environment.api.EnvironmentException;

/** A step that failed on a peer: the message names the step, the peer and the error. */
final class StepFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String step;
    final String peerId;

    StepFailure(String step, String peerId, String peerLabel, Throwable cause) {
        super("step " + step + " failed on peer " + peerLabel + ": " + describe(cause), cause);
        this.step = step;
        this.peerId = peerId;
    }

    static String describe(Throwable e) {
        if (e instanceof StepFailure) {
            return e.getMessage();
        }
        String code = e instanceof EnvironmentException ee ? ee.code() + ": "
                : e instanceof ContainerException ce ? ce.code() + ": " : "";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return code + message;
    }
}
