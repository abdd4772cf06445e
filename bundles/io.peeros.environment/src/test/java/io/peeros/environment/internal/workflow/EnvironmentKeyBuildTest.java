package io.peeros.environment.internal.workflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.peeros.environment.api.Environment;
import io.peeros.environment.api.EnvironmentContainer;
import io.peeros.environment.api.EnvironmentState;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The environment SSH key over three peers: every container accepts it and holds it; the builder keeps none. */
public class EnvironmentKeyBuildTest {

    private static final String OPERATOR = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIGx1a0V0c3Fr5ZtM3CqTn0xY8Ue4tq8mVtB1p3u1c0Xo operator@example.org";
    private static final String BLUEPRINT = """
            name: keyed
            sshKeys:
              - %s
            containers:
              - name: web
                hostname: web-{n}
                template: busybox
                count: 3
                placement:
                  strategy: spread
            """.formatted(OPERATOR);

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
    public void everyContainerAcceptsAndHoldsTheKeyAndTheJournalOnlyItsPublicHalf() throws Exception {
        // given an environment spread over the three peers
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT), false, p -> { });
        assertEquals(env.failure().orElse(""), EnvironmentState.HEALTHY, env.state());
        assertEquals(Set.of(Cluster.A, Cluster.B, Cluster.C), env.containers().stream()
                .map(EnvironmentContainer::peerId).collect(Collectors.toSet()));

        // then the journal records the public key, and nothing of a private one
        String publicKey = journal(env.id()).sshPublicKey();
        assertTrue(publicKey, publicKey.matches("ssh-ed25519 AAAA\\S+ peeros-env-" + env.id()));
        String journal = Files.readString(cluster.journals.resolve(env.id() + ".json"));
        assertTrue(journal.contains(publicKey));
        assertFalse(journal.contains("PRIVATE KEY"));

        // and every container accepts the operator's key and the environment's, and holds the private key
        String privateKey = null;
        for (EnvironmentContainer c : env.containers()) {
            Map<String, String> files = guest(c).files.get(c.name());
            Map<String, String> modes = guest(c).modes.get(c.name());
            assertEquals(OPERATOR + "\n" + publicKey + "\n", files.get("/root/.ssh/authorized_keys"));
            String key = files.get(EnvironmentKey.PRIVATE_PATH);
            assertTrue(key, EnvironmentKey.matching(key, publicKey).isPresent());
            assertEquals(publicKey + "\n", files.get(EnvironmentKey.PRIVATE_PATH + ".pub"));
            assertEquals("rw-------", modes.get(EnvironmentKey.PRIVATE_PATH));
            assertEquals("rwx------", modes.get("/root/.ssh"));
            assertFalse(journal.contains(key.split("\n")[1]));
            privateKey = key;
        }
        assertNotNull(privateKey);

        // and another environment gets another key
        Environment other = cluster.builder.build(Cluster.parse(BLUEPRINT.replace("name: keyed", "name: other")),
                false, p -> { });
        assertNotEquals(publicKey, journal(other.id()).sshPublicKey());
    }

    @Test
    public void grownContainersGetTheKeyFromTheEnvironmentAndShrinkKeepsItAccepted() {
        Environment env = cluster.builder.build(Cluster.parse(BLUEPRINT), false, p -> { });
        String publicKey = journal(env.id()).sshPublicKey();
        EnvironmentContainer first = env.containers().get(0);
        String privateKey = guest(first).files.get(first.name()).get(EnvironmentKey.PRIVATE_PATH);

        // when the group grows by two
        Environment grown = cluster.builder.grow(env.name(), "web", 2, p -> { });

        // then the new containers hold the same key pair as the others, and everyone accepts it
        List<EnvironmentContainer> added = grown.containers().subList(3, 5);
        for (EnvironmentContainer c : added) {
            assertEquals(privateKey, guest(c).files.get(c.name()).get(EnvironmentKey.PRIVATE_PATH));
            assertEquals("rw-------", guest(c).modes.get(c.name()).get(EnvironmentKey.PRIVATE_PATH));
        }
        for (EnvironmentContainer c : grown.containers()) {
            assertTrue(guest(c).files.get(c.name()).get("/root/.ssh/authorized_keys").contains(publicKey));
        }

        // and after a shrink the rest still accept it (the authorized keys are rewritten whole)
        Environment shrunk = cluster.builder.shrink(env.name(), "web", 1, p -> { });
        for (EnvironmentContainer c : shrunk.containers()) {
            assertTrue(guest(c).files.get(c.name()).get("/root/.ssh/authorized_keys").contains(publicKey));
        }
    }

    private Journal journal(String id) {
        return new JournalStore(cluster.journals).load().stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private GuestContainers guest(EnvironmentContainer c) {
        return cluster.peer(c.peerId()).containers;
    }
}
