package io.peeros.shell.internal.env;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.completers.EnvironmentNameCompleter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "env", name = "exec", description = "Runs a command in a container of an environment.",
        detailedDescription = "The container is named by its hostname or container name; it runs on whichever peer"
                + " hosts it. Everything after the container is the command, optionally after '--'. Prints the"
                + " command's stdout and stderr; a non-zero exit is an error (code EXEC_FAILED) naming the code.")
@Service
public class ExecCommand extends EnvCommandSupport {

    static final String FAILED = "EXEC_FAILED";

    @Argument(index = 0, name = "env", required = true, description = "The environment's name or id")
    @Completion(EnvironmentNameCompleter.class)
    String env;

    @Argument(index = 1, name = "container", required = true, description = "The container's hostname or name")
    String container;

    @Argument(index = 2, name = "command", required = true, multiValued = true,
            description = "The program and its arguments, looked up in the container's PATH")
    List<String> command;

    @Override
    protected Object doExecute() {
        List<String> argv = new ArrayList<>(command == null ? List.of() : command);
        if (!argv.isEmpty() && argv.get(0).equals("--")) {
            argv.remove(0);
        }
        if (argv.isEmpty()) {
            throw new CommandFailure("give a command to run after the container", "INVALID_REQUEST");
        }
        ExecResult result = service().exec(env, container, new ExecRequest(argv, Map.of(), null, null, null));
        System.out.print(result.stdout());
        System.out.flush();
        System.err.print(result.stderr());
        if (result.truncated()) {
            System.err.println("(output cut at the limit)");
        }
        System.err.flush();
        if (result.exitCode() != 0) {
            throw new CommandFailure(String.join(" ", argv) + " exited with " + result.exitCode(), FAILED);
        }
        return null;
    }
}
