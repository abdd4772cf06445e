package io.peeros.container.lxc.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerState;
import io.peeros.container.lxc.internal.jna.LxcContainer;
import io.peeros.container.lxc.internal.jna.LxcException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** State transitions done in-process through liblxc, none of which forks: halt, kill, freeze, thaw. */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final int KILL_WAIT_SECONDS = 10;

    private Lifecycle() {
    }

    static ContainerState state(LxcContainer c) {
        String s = c.state();
        return switch (s) {
            case "THAWED" -> ContainerState.RUNNING;
            case "STOPPED", "STARTING", "RUNNING", "STOPPING", "ABORTING", "FREEZING", "FROZEN" ->
                ContainerState.valueOf(s);
            default -> throw new ContainerException(ContainerException.LXC_FAILURE,
                    "LXC reports an unknown state " + s + " for container " + c.name());
        };
    }

    /**
     * Asks init to halt (SIGPWR unless the config says otherwise) and waits up to {@code timeout}, rounded
     * up to seconds; then kills it. A frozen container is thawed first, or it could not halt.
     */
    static void halt(LxcContainer c, Duration timeout) {
        try {
            if (!c.isRunning()) {
                return;
            }
            if ("FROZEN".equals(c.state())) {
                c.unfreeze();
            }
            int seconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
            if (seconds > 0) {
                if (c.shutdown(seconds)) {
                    return;
                }
                LOG.info("container {} did not halt in {} s, killing it", c.name(), seconds);
            }
            c.stop();
            if (!c.waitFor("STOPPED", KILL_WAIT_SECONDS)) {
                throw new ContainerException(ContainerException.TIMEOUT, "container " + c.name() + " is still "
                        + c.state() + " " + KILL_WAIT_SECONDS + " s after it was killed");
            }
        } catch (LxcException e) {
            throw Errors.failure("stop " + c.name(), e);
        }
    }

    static void freezeOrThaw(LxcContainer c, boolean freeze) {
        ContainerState state = state(c);
        if (!state.isActive()) {
            throw new ContainerException(ContainerException.INVALID_STATE, "container " + c.name()
                    + " is STOPPED: only a running container can be " + (freeze ? "frozen" : "thawed"));
        }
        try {
            if (freeze && state != ContainerState.FROZEN) {
                c.freeze();
            } else if (!freeze && state == ContainerState.FROZEN) {
                c.unfreeze();
            }
        } catch (LxcException e) {
            throw Errors.failure((freeze ? "freeze " : "unfreeze ") + c.name(), e);
        }
    }
}
