package io.peeros.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.action.Action;
import org.junit.rules.ExternalResource;

/** Captures what a command prints on System.out and System.err, as Karaf's session would show it. */
public class Console extends ExternalResource {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    protected void before() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    protected void after() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Runs a command as the shell would: a refusal is shown as one error line, not thrown further. */
    public Object run(Action command) throws Exception {
        try {
            return command.execute();
        } catch (CommandFailure failure) {
            System.err.println("Error: " + failure.getMessage());
            return null;
        }
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
