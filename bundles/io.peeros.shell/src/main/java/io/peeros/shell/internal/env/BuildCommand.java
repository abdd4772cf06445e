package io.peeros.shell.internal.env;

import io.peeros.container.api.Quota;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintError;
import io.peeros.environment.api.BlueprintParser;
import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentService;
import io.peeros.environment.api.EnvironmentState;
import io.peeros.environment.api.Plan;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.shell.internal.CommandFailure;
import io.peeros.shell.internal.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "env", name = "build", description = "Builds an environment from a blueprint file.",
        detailedDescription = "Reads the blueprint (YAML, JSON or a Subutai.json) from this peer's file system and"
                + " checks it: every error is printed as file:line:col: path: message. With --dry-run prints where"
                + " each container would go and builds nothing. Otherwise prints the progress as it comes and the"
                + " environment at the end; a build that fails is rolled back on every peer (unless"
                + " --keep-on-failure) and the command fails with the cause. Ctrl-C cancels the build, which then"
                + " rolls back.")
@Service
public class BuildCommand extends EnvCommandSupport {

    @Option(name = "--var", multiValued = true, description = "A value for a declared variable, name=value")
    List<String> vars;

    @Option(name = "--dry-run", description = "Only show where every container would go")
    boolean dryRun;

    @Option(name = "--keep-on-failure", description = "Leave what a failed build made in place, for debugging")
    boolean keepOnFailure;

    @Argument(index = 0, name = "file", required = true, description = "The blueprint file")
    @Completion(FileCompleter.class)
    String file;

    @Override
    protected Object doExecute() {
        EnvironmentService service = service();
        BlueprintParser blueprints = parser();
        Path path = Path.of(file).toAbsolutePath().normalize();
        Blueprint blueprint = blueprints.parse(path.getFileName().toString(), read(path), variables());
        for (BlueprintError warning : blueprint.warnings()) {
            System.err.println("warning: " + warning);
        }
        if (dryRun) {
            printPlan(service.plan(blueprint));
            return null;
        }
        ProgressPrinter printer = new ProgressPrinter(System.out, clock, peerNames());
        Environment env = new Operation<Environment>().run("env-build-" + blueprint.name(),
                progress -> service.build(blueprint, keepOnFailure, progress), printer::print, id -> {
                    System.out.println("Cancelling the build of " + blueprint.name() + "; it rolls back.");
                    service.cancel(id != null ? id : blueprint.name());
                });
        System.out.println();
        printEnvironment(env);
        if (env.state() == EnvironmentState.FAILED || env.state() == EnvironmentState.CANCELLED) {
            throw new CommandFailure("the build of " + env.name() + " " + (env.state() == EnvironmentState.FAILED
                    ? "failed" : "was cancelled") + env.failure().map(f -> ": " + f).orElse(""),
                    "ENVIRONMENT_" + env.state().name());
        }
        return null;
    }

    private void printPlan(Plan plan) {
        System.out.println("Plan for " + plan.blueprint().name() + " (" + plan.environmentId() + "): "
                + plan.containers().size() + " containers on " + plan.peerIds().size() + " peers, subnet "
                + plan.subnet());
        ShellTable table = new ShellTable().emptyTableText("No containers.");
        table.column("Container");
        table.column("Hostname");
        table.column("Group");
        table.column("Peer");
        table.column("Address");
        table.column("Template");
        table.column("CPU").alignRight();
        table.column("RAM").alignRight();
        table.column("Disk").alignRight();
        for (PlannedContainer p : plan.containers()) {
            Quota q = p.quota();
            table.addRow().addContent(p.container().name(), p.container().hostname(), p.container().group(),
                    p.peerName(), p.container().address(), p.container().template(),
                    q.cpuPercent() == null ? "-" : q.cpuPercent() + "%", bytes(q.memoryBytes()),
                    bytes(q.diskBytes()));
        }
        table.print(System.out);
    }

    private static String bytes(Long bytes) {
        return bytes == null ? "-" : Format.bytes(bytes);
    }

    private Map<String, String> variables() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : vars == null ? List.<String>of() : vars) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CommandFailure("--var " + pair + " is not name=value", "INVALID_REQUEST");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return values;
    }

    private static String read(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new CommandFailure("there is no file " + path, "INVALID_REQUEST");
            }
            if (Files.size(path) > 4L * BlueprintParser.MAX_CHARS) {
                throw new CommandFailure(path + " is larger than a blueprint may be (1 MiB)", "BLUEPRINT_INVALID");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + path + ": " + e.getMessage(), "INVALID_REQUEST");
        }
    }
}
