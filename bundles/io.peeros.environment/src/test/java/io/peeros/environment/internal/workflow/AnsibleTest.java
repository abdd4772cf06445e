package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentState;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AnsibleTest {

    private static final String BLUEPRINT = "name: play\n"
            + "containers:\n"
            + "  - name: web\n"
            + "    template: debian-12\n"
            + "    count: 2\n"
            + "    placement:\n"
            + "      strategy: pack\n"
            + "provisioning:\n"
            + "  - in: web-1\n"
            + "    ansible:\n"
            + "      inline: |\n"
            + "        - hosts: all\n"
            + "          tasks: []\n"
            + "      groups:\n"
            + "        webservers: [web-1, web-2]\n"
            + "      extraVars:\n"
            + "        port: 8080\n";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Cluster cluster;

    @Before
    public void setUp() {
        cluster = new Cluster(folder.getRoot().toPath());
    }

    @After
    public void tearDown() {
        cluster.builder.deactivate();
    }

    @Test
    public void theInlinePlaybookRunsInTheTargetContainerAgainstAllOfThem() {
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT), false, p -> { });

        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        EnvironmentContainer web1 = env.containers().get(0);
        EnvironmentContainer web2 = env.containers().get(1);
        Map<String, String> files = cluster.a.containers.files.get(web1.name());
        assertEquals("- hosts: all\n  tasks: []\n", files.get(AnsibleRunner.DIRECTORY + "/playbook.yml"));
        assertEquals("[webservers]\nweb-1 ansible_connection=local\nweb-2 ansible_host="
                + Planner.ip(web2.address()) + " ansible_user=root\n",
                files.get(AnsibleRunner.DIRECTORY + "/inventory.ini"));
        List<String> commands = cluster.a.containers.commands.get(web1.name());
        assertEquals("command -v ansible-playbook", commands.get(0));
        assertTrue(commands.get(1), commands.get(1).contains("exec ansible-playbook -i inventory.ini"));
    }

    @Test
    public void withoutAnsibleInTheContainerTheBuildFailsNamingThePackage() {
        cluster.a.containers.failing = "command -v ansible-playbook";

        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT), false, p -> { });

        assertEquals(EnvironmentState.FAILED, env.state());
        String failure = env.failure().orElseThrow();
        assertTrue(failure, failure.startsWith("step provision failed on peer alpha (aaaaaaaa): PROVISIONING_FAILED: "
                + "ansible-playbook is not installed in container web-1 on peer alpha (aaaaaaaa): install the "
                + "'ansible' package there first"));
        assertTrue(cluster.allEmpty());
    }

    @Test
    public void aPlaybookFileNextToTheBlueprintIsRefusedClearly() {
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT.replace(
                "      inline: |\n        - hosts: all\n          tasks: []\n", "      playbook: playbooks/web.yml\n")),
                false, p -> { });

        assertEquals(EnvironmentState.FAILED, env.state());
        assertTrue(env.failure().orElseThrow(), env.failure().orElseThrow().contains(
                "playbook 'playbooks/web.yml' is a file next to the blueprint"));
        assertTrue(cluster.allEmpty());
    }
}
