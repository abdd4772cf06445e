package io.peeros.shell.internal.template;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class TerminalProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true,
            StandardCharsets.UTF_8));

    @Test
    public void redrawsOnlyWhenThePercentageChangesAndEndsEachStepsLine() {
        progress.update("read", 0, 1000);
        progress.update("read", 4, 1000);
        progress.update("read", 500, 1000);
        progress.update("extract", 2 << 20, -1);
        progress.update("extract", (2 << 20) + 5, -1);
        progress.finish();
        progress.finish();

        assertEquals("\rreading      0%  0 B of 1000 B\rreading     50%  500 B of 1000 B\n"
                + "\runpacking  2.0 MiB\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(),
                        "\n"));
    }

    @Test
    public void paddingClearsALongerPreviousLine() {
        progress.update("custom-step", 1000 << 20, -1);
        progress.update("custom-step", 2000 << 20, -1);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\rcustom-step 1000.0 MiB\rcustom-step 2.0 GiB   ", out);
    }
}
