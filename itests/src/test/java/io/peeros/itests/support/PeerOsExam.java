package io.peeros.itests.support;

import static org.ops4j.pax.exam.CoreOptions.environment;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot the PeerOS distribution built by this reactor, on ports of its own, with the
 * owner password the tests use. One Karaf per test class.
 */
public final class PeerOsExam {

    /** The owner password the tests' Karaf starts with. */
    public static final String ADMIN_PASSWORD = "exam-Owner-Secret-1";
    public static final int SSH_PORT = 18101;
    public static final int PUBLIC_PORT = 18443;
    public static final int PEER_PORT = 18444;
    public static final int HTTP_PORT = 18181;

    /** The host network of the examined peer: its own bridge, subnet and nft table, removed after the class. */
    public static final String BRIDGE = "pexam0";
    public static final String NFT_TABLE = "pexam";
    public static final String LXC_PATH = new File("target/exam-lxc").getAbsolutePath();

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";
    private static final String NETWORK_CFG = "etc/io.peeros.container.lxc.HostNetwork.cfg";

    private PeerOsExam() {
    }

    /** Removes the examined peer's bridge and nft table (they outlive the bundle by design). */
    public static void removeHostNetwork() throws Exception {
        new ProcessBuilder("ip", "link", "del", BRIDGE).inheritIO().start().waitFor();
        new ProcessBuilder("nft", "delete", "table", "inet", NFT_TABLE).inheritIO().start().waitFor();
        // The container isolation table on the peer's bridge has the same name, in the bridge family.
        new ProcessBuilder("nft", "delete", "table", "bridge", NFT_TABLE).inheritIO().start().waitFor();
    }

    public static Option[] options() {
        String karafVersion = "4.4.10";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(System.getProperty("peeros.dist.zip")).toURI().toString())
                    .name("PeerOS").karafVersion(karafVersion).unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            environment("PEEROS_ADMIN_PASSWORD=" + ADMIN_PASSWORD),
            // The distribution is offline; only Pax Exam's own probe bundles come from the build's repository.
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.offline", "false"),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository", System.getProperty("peeros.m2repo")),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories",
                    "https://repo1.maven.org/maven2@id=central"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH_PORT)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP_PORT)),
            editConfigurationFilePut("etc/io.peeros.rest.RestServer.cfg", "host", "127.0.0.1"),
            editConfigurationFilePut("etc/io.peeros.vpn.cfg", "bindAddress", "127.0.0.1"),
            editConfigurationFilePut("etc/io.peeros.vpn.cfg", "port", "17946"),
            editConfigurationFilePut("etc/io.peeros.rest.RestServer.cfg", "publicPort", Integer.toString(PUBLIC_PORT)),
            editConfigurationFilePut("etc/io.peeros.rest.RestServer.cfg", "peerPort", Integer.toString(PEER_PORT)),
            editConfigurationFilePut("etc/io.peeros.registry.PeerRegistry.cfg", "publicUrl",
                    "https://127.0.0.1:" + PUBLIC_PORT),
            editConfigurationFilePut("etc/io.peeros.registry.PeerRegistry.cfg", "peerUrl",
                    "https://127.0.0.1:" + PEER_PORT),
            editConfigurationFilePut(NETWORK_CFG, "bridgeName", BRIDGE),
            editConfigurationFilePut(NETWORK_CFG, "subnet", "10.253.0.0/24"),
            editConfigurationFilePut(NETWORK_CFG, "nftTable", NFT_TABLE),
            editConfigurationFilePut("etc/io.peeros.container.lxc.LxcContainerManager.cfg", "lxcPath", LXC_PATH),
            editConfigurationFilePut("etc/io.peeros.container.lxc.LxcQuotaService.cfg", "lxcPath", LXC_PATH),
            editConfigurationFilePut("etc/io.peeros.container.lxc.LxcMetricsService.cfg", "lxcPath", LXC_PATH),
            editConfigurationFilePut("etc/io.peeros.container.template.TemplateStore.cfg", "lxcPath", LXC_PATH),
            // bin/karaf's module flags, which Pax Exam leaves out.
            vmOption("--add-reads=java.xml=java.logging"),
            vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            vmOption("--patch-module"), vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            vmOption("--patch-module"), vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            vmOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
            vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            systemProperty("pax.exam.service.timeout").value("30000"),
        };
    }
}
