package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The runner's real output through this machine's real {@code ansible-playbook} (Debian's {@code ansible-core},
 * which .ci/prereqs installs): the target container's commands run for real in a scratch directory standing for
 * its root ({@link GuestContainers#realHost}), so the playbook and inventory the runner writes there and the
 * command it runs are what Ansible gets. The inventory has both containers (the other one by address, for SSH),
 * but the plays name only the target's group {@code ctl}: nothing is tried over SSH.
 */
public class AnsibleRealTest {

    private static final String BLUEPRINT = "name: play\n"
            + "containers:\n"
            + "  - name: ctl\n"
            + "    template: debian-12\n"
            + "    placement:\n"
            + "      strategy: pack\n"
            + "  - name: web\n"
            + "    template: debian-12\n"
            + "    placement:\n"
            + "      strategy: pack\n"
            + "provisioning:\n"
            + "  - in: ctl\n"
            + "    ansible:\n"
            + "      inline: |\n"
            + "        - hosts: ctl\n"
            + "          gather_facts: false\n"
            + "          tasks:\n"
            + "            - name: greet\n"
            + "              copy:\n"
            + "                dest: \"{{ playbook_dir }}/greeting.txt\"\n"
            + "                content: \"{{ greeting }} from {{ inventory_hostname }} on port {{ port }}\\n\"\n"
            + "TASKS"
            + "      extraVars:\n"
            + "        greeting: \"hello, 'quoted' world=yes\"\n"
            + "        port: 8080\n";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;
    private Path root;

    @BeforeClass
    public static void ansibleIsInstalled() {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "ansible-playbook")).anyMatch(Files::isExecutable);
        assertTrue("ansible-playbook is not on this machine's PATH: install Debian's package ansible-core "
                + "(apt-get install -y --no-install-recommends ansible-core; .ci/prereqs does)", found);
    }

    @Before
    public void setUp() throws Exception {
        cluster = new Cluster(folder.newFolder("cluster").toPath());
        root = folder.newFolder("ctl-root").toPath();
        cluster.a.containers.realRoot = root;
        cluster.a.containers.realHost = "ctl";
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    @Test
    public void theRealAnsiblePlaybookRunsTheInlinePlaybookWithTheExtraVars() throws Exception {
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT.replace("TASKS", "")), false, p -> { });

        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        Path greeting = root.resolve(AnsibleRunner.DIRECTORY.substring(1)).resolve("greeting.txt");
        assertTrue(greeting + " was not written", Files.isRegularFile(greeting));
        assertEquals("hello, 'quoted' world=yes from ctl on port 8080\n", Files.readString(greeting));
        String ctl = env.containers().stream().filter(c -> c.hostname().equals("ctl")).findFirst().orElseThrow()
                .name();
        Map<String, String> files = cluster.a.containers.files.get(ctl);
        assertTrue(files.get(AnsibleRunner.DIRECTORY + "/inventory.ini"),
                files.get(AnsibleRunner.DIRECTORY + "/inventory.ini").contains("\nweb ansible_host="));
    }

    @Test
    public void aFailingTaskFailsTheStepQuotingAnsible() {
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT.replace("TASKS",
                "            - name: refuse\n"
                + "              fail:\n"
                + "                msg: \"no {{ greeting }} here\"\n")), false, p -> { });

        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElseThrow();
        assertTrue(failure, failure.startsWith("step provision failed on peer alpha (aaaaaaaa): PROVISIONING_FAILED: "
                + "ansible-playbook exited 2 in container ctl on peer alpha (aaaaaaaa): "));
        assertTrue(failure, failure.contains("no hello, 'quoted' world=yes here"));
        assertTrue(failure, failure.contains("failed=1"));
        assertTrue(cluster.allEmpty());
    }
}
