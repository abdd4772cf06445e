package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateProgress;
import java.util.function.LongConsumer;

/** Passes one step's byte count to a {@link TemplateProgress}, at most every 4 MiB and once at the end. */
final class ProgressMeter implements LongConsumer {

    private static final long EVERY = 4L << 20;

    private final TemplateProgress progress;
    private final String step;
    private final long total;
    private long last = -EVERY;

    ProgressMeter(TemplateProgress progress, String step, long total) {
        this.progress = progress;
        this.step = step;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        if (done - last >= EVERY) {
            last = done;
            progress.update(step, done, total);
        }
    }

    void done(long done) {
        progress.update(step, done, done);
    }
}
