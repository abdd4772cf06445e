package io.peeros.rest.internal;

import io.peeros.container.api.TemplateProgress;
import io.peeros.rest.internal.dto.ProgressDto;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * Sends a long operation's progress as Server-Sent Events: {@code progress} events carrying a
 * {@link ProgressDto}, thinned out to one per percent (or per 8 MiB when the total is unknown), then one
 * closing event sent with {@link #send}.
 */
final class ProgressEvents implements TemplateProgress {

    private static final long UNKNOWN_TOTAL_STEP = 8L << 20;

    private final SseEventSink sink;
    private final Sse sse;
    private String step;
    private long lastDone;
    private int lastPercent;

    ProgressEvents(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public synchronized void update(String currentStep, long done, long total) {
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        boolean newStep = !currentStep.equals(step);
        boolean moved = total > 0 ? percent != lastPercent : done - lastDone >= UNKNOWN_TOTAL_STEP;
        if (newStep || moved || done == total) {
            if (!newStep && done == lastDone) {
                return;
            }
            step = currentStep;
            lastDone = done;
            lastPercent = percent;
            send("progress", new ProgressDto(currentStep, done, total, percent));
        }
    }

    /** Sends one event whose data is {@code body} as JSON; a client that has gone is not an error here. */
    void send(String name, Object body) {
        if (!sink.isClosed()) {
            sink.send(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(body.getClass(), body).build());
        }
    }
}
