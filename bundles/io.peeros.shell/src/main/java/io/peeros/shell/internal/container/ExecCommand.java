package io.peeros.shell.internal.container;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.completers.ContainerNameCompleter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "container", name = "exec", description = "Runs a command in a running container and waits for it.",
        detailedDescription = "Options come before the container name; everything after the name is the command,"
                + " optionally after '--': container:exec -e LANG=C -w /tmp web -- ls -l. Prints the command's"
                + " stdout and stderr; a non-zero exit is an error (code EXEC_FAILED) naming the exit code.")
@Service
public class ExecCommand extends ContainerCommandSupport {

    /** The code of a command that ran and exited with a non-zero status. */
    static final String FAILED = "EXEC_FAILED";

    private static final int TAIL_CHARS = 400;

    @Option(name = "-e", aliases = "--env", multiValued = true, description = "An environment variable, NAME=value")
    List<String> env;

    @Option(name = "-u", aliases = "--user", description = "Run as this user: a name, a uid or uid:gid (root if omitted)")
    String user;

    @Option(name = "-w", aliases = "--workdir", description = "The working directory inside the container (/ if omitted)")
    String workdir;

    @Option(name = "-t", aliases = "--timeout", description = "Kill the command after this long: 30s, 2m")
    String timeout;

    @Argument(index = 0, name = "name", required = true, description = "The running container")
    @Completion(ContainerNameCompleter.class)
    String name;

    @Argument(index = 1, name = "command", required = true, multiValued = true,
            description = "The program and its arguments, looked up in the container's PATH")
    List<String> command;

    @Override
    protected Object doExecute() {
        ExecResult result = manager().exec(name, request());
        System.out.print(result.stdout());
        System.out.flush();
        System.err.print(result.stderr());
        if (result.truncated()) {
            System.err.println("(output cut at the manager's limit)");
        }
        System.err.flush();
        if (result.exitCode() != 0) {
            String tail = tail(result.stderr());
            throw new CommandFailure(String.join(" ", command()) + " exited with " + result.exitCode()
                    + (tail.isEmpty() ? "" : ": " + tail), FAILED);
        }
        return null;
    }

    private ExecRequest request() {
        List<String> argv = command();
        if (argv.isEmpty()) {
            throw new ContainerException(ContainerException.INVALID_REQUEST, "give a command to run after the name");
        }
        ExecRequest request = new ExecRequest(argv, Map.of(), workdir, user,
                timeout == null ? null : Parse.duration(timeout, "timeout"));
        for (String pair : env == null ? List.<String>of() : env) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ContainerException(ContainerException.INVALID_REQUEST, "environment variable '" + pair
                        + "' is not NAME=value");
            }
            request = request.withEnv(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return request;
    }

    /** The command without the '--' that separates it from the name. */
    private List<String> command() {
        List<String> argv = new ArrayList<>(command == null ? List.of() : command);
        if (!argv.isEmpty() && argv.get(0).equals("--")) {
            argv.remove(0);
        }
        return argv;
    }

    /** The end of stderr on one line: what usually says why a command failed. */
    static String tail(String stderr) {
        String trimmed = stderr.strip().replaceAll("\\s*\\R\\s*", " | ");
        return trimmed.length() <= TAIL_CHARS ? trimmed : "..." + trimmed.substring(trimmed.length() - TAIL_CHARS);
    }
}
