package io.peeros.shell.internal.template;

import io.peeros.container.api.TemplateProgress;
import io.peeros.shell.internal.Format;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows the progress of a template operation on one terminal line per step, rewritten in place with a
 * carriage return: {@code extract  42%  12.3 MiB of 29.1 MiB}. The line is only redrawn when the percentage
 * (or, without a total, the MiB count) changes; {@link #finish} ends the last line.
 */
final class TerminalProgress implements TemplateProgress {

    private static final String[] LABELS = {READ, "reading", EXTRACT, "unpacking", PACK, "packing", WRITE, "writing"};

    private final PrintStream out;
    private String step;
    private String shown = "";
    private int width;

    TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(String currentStep, long done, long total) {
        if (!currentStep.equals(step)) {
            if (step != null) {
                out.println();
            }
            step = currentStep;
            shown = "";
            width = 0;
        }
        String line = String.format(Locale.ROOT, "%-10s %s", label(currentStep), amount(done, total));
        if (!line.equals(shown)) {
            // pad over a longer previous text, so that nothing of it stays on the line
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            out.flush();
            shown = line;
            width = Math.max(width, line.length());
        }
    }

    /** Ends the current line, if any. */
    synchronized void finish() {
        if (step != null) {
            out.println();
            out.flush();
            step = null;
        }
    }

    private static String amount(long done, long total) {
        if (total <= 0) {
            return Format.bytes(done - done % (1 << 20));
        }
        long percent = Math.min(100, done * 100 / total);
        // the amount done rounded down to the percentage, so that the line changes once per percent
        return String.format(Locale.ROOT, "%3d%%  %s of %s", percent, Format.bytes(total * percent / 100),
                Format.bytes(total));
    }

    private static String label(String step) {
        for (int i = 0; i < LABELS.length; i += 2) {
            if (LABELS[i].equals(step)) {
                return LABELS[i + 1];
            }
        }
        return step;
    }
}
