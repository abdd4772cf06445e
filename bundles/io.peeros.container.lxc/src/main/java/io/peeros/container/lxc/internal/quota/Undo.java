package io.peeros.container.lxc.internal.quota;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that put back what a quota change has done so far, run newest first when a later step fails:
 * a quota is applied in full or not at all.
 */
final class Undo {

    /** One step back. */
    interface Step {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Deque<String> names = new ArrayDeque<>();

    /** Records how to undo what was just done. */
    void push(String what, Step step) {
        steps.push(step);
        names.push(what);
    }

    /** Runs every step, newest first; a step that fails is logged and the others still run. */
    void rollback() {
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            String what = names.pop();
            try {
                step.run();
            } catch (Exception e) {
                LOG.error("could not undo {}: {}", what, e.getMessage());
            }
        }
    }
}
