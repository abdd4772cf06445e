package io.peeros.environment.internal.blueprint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.peeros.container.api.SizeClass;
import io.peeros.environment.api.AnsibleStep;
import io.peeros.environment.api.Blueprint;
import io.peeros.environment.api.BlueprintFormat;
import io.peeros.environment.api.ContainerGroup;
import io.peeros.environment.api.ExposedPort;
import io.peeros.environment.api.FilesStep;
import io.peeros.environment.api.Placement;
import io.peeros.environment.api.ShellStep;
import io.peeros.environment.api.Variable;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The blueprints shipped in blueprints/ parse to the model they describe. */
public class ExamplesTest {

    @Test
    public void helloIsTwoBusyboxContainersPackedOnOnePeer() {
        Blueprint b = Blueprints.example("hello.yaml", Map.of());

        assertEquals("hello", b.name());
        assertEquals(BlueprintFormat.YAML, b.format());
        assertEquals(1, b.containers().size());
        ContainerGroup hello = b.containers().get(0);
        assertEquals("busybox", hello.template());
        assertEquals(SizeClass.TINY, hello.size());
        assertNull(hello.quota());
        assertEquals(List.of("hello-1", "hello-2"), hello.hostnames());
        assertEquals(Placement.Strategy.PACK, hello.placement().strategy());
        assertEquals(2, b.containerCount());
        ShellStep motd = (ShellStep) hello.provisioning().get(0);
        assertEquals("hello", motd.target());
        assertEquals(List.of("echo \"hello from $(hostname)\" > /etc/motd"), motd.commands());
        assertTrue(b.warnings().isEmpty());
    }

    @Test
    public void webDbIsAWebServerAndADatabaseOnTwoPeers() {
        Blueprint b = Blueprints.example("web-db.yaml", Map.of("dbPassword", "s3cret-enough_", "dbPeer", "peer-c"));

        assertEquals("web-db", b.name());
        assertEquals(List.of("webPeer", "dbPeer", "dbSize", "dbDisk", "dbPassword", "serverName"),
                b.variables().stream().map(Variable::name).toList());
        assertEquals("peer-c", b.values().get("dbPeer"));
        assertEquals("peer-a", b.values().get("webPeer"));
        ContainerGroup db = b.group("db").orElseThrow();
        ContainerGroup web = b.group("web").orElseThrow();
        assertEquals("debian-12", db.template());
        assertEquals(Integer.valueOf(100), db.quota().cpuPercent());
        assertEquals(Long.valueOf(2L << 30), db.quota().memoryBytes());
        assertEquals(Long.valueOf(20L << 30), db.quota().diskBytes());
        assertNull(db.size());
        assertEquals("peer-c", db.placement().peer());
        assertEquals("peer-a", web.placement().peer());
        assertEquals(Long.valueOf(1L << 30), web.placement().minFreeRamBytes());
        assertEquals(List.of(new ExposedPort(5432, ExposedPort.Protocol.TCP, null, null)), db.ports());
        assertEquals(List.of(new ExposedPort(80, ExposedPort.Protocol.TCP, 80, null),
                new ExposedPort(443, ExposedPort.Protocol.TCP, 443, null)), web.ports());
        assertEquals(List.of("db"), web.after());
        assertEquals(1, b.sshKeys().size());

        ShellStep install = (ShellStep) db.provisioning().get(0);
        assertTrue(install.commands().get(2).contains("PASSWORD 's3cret-enough_'"));
        FilesStep files = (FilesStep) db.provisioning().get(1);
        assertEquals("listen_addresses = '*'\n", files.files().get(0).content());
        assertEquals(0644, files.files().get(0).mode());
        assertEquals("files/pg_hba-app.conf", files.files().get(1).source());

        AnsibleStep ansible = (AnsibleStep) b.provisioning().get(0);
        assertEquals("web", ansible.target());
        assertEquals("playbooks/web.yml", ansible.playbook());
        assertEquals(Map.of("webservers", List.of("web"), "databases", List.of("db")), ansible.inventory());
        assertEquals("s3cret-enough_", ansible.extraVars().get("db_password"));
        assertEquals("web-db.example.org", ansible.extraVars().get("server_name"));
    }

    @Test
    public void threePeersPlacesEightContainersByConstraints() {
        Blueprint b = Blueprints.example("three-peers.yaml", Map.of());

        assertEquals(8, b.containerCount());
        assertEquals(List.of("lb", "web", "cache", "monitor"),
                b.containers().stream().map(ContainerGroup::name).toList());
        ContainerGroup web = b.group("web").orElseThrow();
        assertEquals(List.of("web-1", "web-2", "web-3"), web.hostnames());
        assertEquals(SizeClass.SMALL, web.size());
        assertEquals(Placement.Strategy.SPREAD, web.placement().strategy());
        assertEquals(Long.valueOf(10L << 30), web.placement().minFreeDiskBytes());
        ContainerGroup cache = b.group("cache").orElseThrow();
        assertEquals(List.of("cache1", "cache2", "cache3"), cache.hostnames());
        assertEquals("caches", cache.placement().together());
        assertEquals(Long.valueOf(768L << 20), cache.quota().memoryBytes());
        assertEquals(Integer.valueOf(80), b.group("lb").orElseThrow().ports().get(0).hostPort());
        FilesStep backends = (FilesStep) b.provisioning().get(2);
        assertEquals(0640, backends.files().get(0).mode());
        assertTrue(backends.files().get(0).content().contains("web-3"));
        assertTrue(b.containers().stream().allMatch(g -> g.placement().peer() == null));
    }

    @Test
    public void threePeersGrowsWithItsVariables() {
        Blueprint b = Blueprints.example("three-peers.yaml", Map.of("webCount", "6", "webSize", "LARGE"));

        assertEquals(11, b.containerCount());
        assertEquals("web-6", b.group("web").orElseThrow().hostnames().get(5));
        assertEquals(SizeClass.LARGE, b.group("web").orElseThrow().size());
    }

    @Test
    public void subutaiBlueprintIsMapped() {
        Blueprint b = Blueprints.example("subutai/Subutai.json", Map.of("containerSize", "LARGE"));

        assertEquals(BlueprintFormat.SUBUTAI, b.format());
        assertEquals("postgres", b.name());
        ContainerGroup db = b.containers().get(0);
        assertEquals("postgres", db.name());
        assertEquals(List.of("postgres"), db.hostnames());
        assertEquals("debian-stretch", db.template());
        assertEquals(SizeClass.LARGE, db.size());
        assertEquals("DB-GROUP", db.placement().together());
        assertEquals(List.of(new ExposedPort(80, ExposedPort.Protocol.HTTPS, 443, "postgres.example.org")), db.ports());
        AnsibleStep ansible = (AnsibleStep) b.provisioning().get(0);
        assertEquals("postgres", ansible.target());
        assertEquals("site.yml", ansible.playbook());
        assertEquals("https://example.org/postgresql/archive/master.zip", ansible.sourceUrl());
        assertEquals(Map.of("postgres", List.of("postgres")), ansible.inventory());
        assertEquals(Map.of("postgres_user", "postgres", "postgres_pwd", "secret"), ansible.extraVars());
        assertEquals(Variable.Type.ENUM, b.variables().stream().filter(v -> v.name().equals("containerSize"))
                .findFirst().orElseThrow().type());
        // version, author, the domain variable's validation and the Ansible controller are reported, not silent
        assertEquals(4, b.warnings().size());
        assertTrue(b.warnings().stream().anyMatch(w -> w.path().equals("version") && w.line() == 4));
    }
}
