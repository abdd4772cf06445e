package io.peeros.itests;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.peeros.identity.api.PeerIdentity;
import io.peeros.itests.support.PeerOsExam;
import io.peeros.registry.api.PeerRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Boots the real PeerOS distribution and checks it as an operator would find it after a first start. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PeerDistributionIT {

    @Inject
    private BootFinished bootFinished;
    @Inject
    private BundleContext context;
    @Inject
    private FeaturesService features;
    @Inject
    private SessionFactory sessionFactory;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private PeerIdentity identity;
    @Inject
    private PeerRegistry registry;

    @Configuration
    public Option[] config() {
        return PeerOsExam.options();
    }

    @AfterClass
    public static void removeHostNetwork() throws Exception {
        PeerOsExam.removeHostNetwork();
    }

    @Test
    public void everyPeerOsFeatureIsInstalledAndEveryComponentActive() throws Exception {
        for (String feature : List.of("peeros", "peeros-identity", "peeros-registry", "peeros-rest", "peeros-shell",
                "peeros-container", "peeros-vpn", "peeros-environment")) {
            assertTrue(feature + " installed", features.isInstalled(features.getFeature(feature)));
        }
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("io.peeros") && bundle.getState() != Bundle.ACTIVE) {
                problems.add(bundle.getSymbolicName() + " is in state " + bundle.getState());
            }
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.peeros")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(description.name + " is in state " + configuration.state);
                }
            }
        }
        assertTrue(problems.toString(), problems.isEmpty());
    }

    @Test
    public void bouncyCastleIsOneFrameworkExtension() {
        Provider bc = Security.getProvider("BC");
        assertNotNull("BC registered once by Karaf's Main", bc);
        assertNull("BC must come from the boot class path, not a bundle", FrameworkUtil.getBundle(bc.getClass()));
        for (Bundle bundle : context.getBundles()) {
            assertFalse("a second BC provider bundle: " + bundle.getSymbolicName(),
                    bundle.getSymbolicName().equals("bcprov"));
        }
    }

    @Test
    public void shellCommandsWork() throws Exception {
        assertEquals(identity.peerId(), awaitCommand("peer:id").trim());
        String info = run("peer:info");
        assertThat(info, containsString(identity.peerId()));
        assertThat(info, containsString("https://127.0.0.1:" + PeerOsExam.PUBLIC_PORT));

        run("user:add --role operator --password carol-Secret-123 carol");
        String users = run("user:list");
        assertThat(users, containsString("carol"));
        assertThat(users, containsString("operator"));
        String weak = run("user:add --password short dave");
        assertThat(weak, containsString("PASSWORD_WEAK"));
        assertThat(run("user:list"), not(containsString("dave")));
        run("user:passwd --password carol-Secret-456 carol");
        run("user:remove --force carol");
        assertThat(run("user:list"), not(containsString("carol")));

        assertThat(run("peer:list"), not(containsString("Error")));
        assertThat(run("peer:requests"), not(containsString("Error")));
        assertThat(run("peer:approve 0000000000000000 ABCD-EFGH-IJKL-MNOP"), containsString("PEER_UNKNOWN"));
    }

    @Test
    public void oneRealmServesTheShellRestAndConsole() throws Exception {
        assertTrue(login("admin", PeerOsExam.ADMIN_PASSWORD));
        assertFalse(login("admin", "wrong-password-1"));
        assertFalse("no default karaf user", login("karaf", "karaf"));
    }

    @Test
    public void webConsoleUsesThePeerOsRealm() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI console = URI.create("http://127.0.0.1:" + PeerOsExam.HTTP_PORT + "/system/console/bundles");
        assertEquals(401, client.send(HttpRequest.newBuilder(console).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(401, client.send(HttpRequest.newBuilder(console).header("Authorization", basic("admin", "wrong-one"))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(200, client.send(HttpRequest.newBuilder(console)
                .header("Authorization", basic("admin", PeerOsExam.ADMIN_PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void restAnswers401WithoutTokenAnd200WithOne() throws Exception {
        HttpClient client = insecureClient();
        String base = "https://127.0.0.1:" + PeerOsExam.PUBLIC_PORT + "/api/v1";
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(base + "/peers")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(anonymous.body(), 401, anonymous.statusCode());

        HttpResponse<String> badLogin = client.send(post(base + "/auth/token",
                "{\"user\":\"admin\",\"password\":\"not-the-password\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, badLogin.statusCode());
        assertThat(badLogin.body(), containsString("INVALID_CREDENTIALS"));

        HttpResponse<String> login = client.send(post(base + "/auth/token",
                "{\"user\":\"admin\",\"password\":\"" + PeerOsExam.ADMIN_PASSWORD + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String token = login.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        HttpResponse<String> peers = client.send(HttpRequest.newBuilder(URI.create(base + "/peers"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(peers.body(), 200, peers.statusCode());
        HttpResponse<String> self = client.send(HttpRequest.newBuilder(URI.create(base + "/peer"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(self.body(), containsString(registry.localInfo().id()));

        HttpResponse<String> openapi = client.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openapi.statusCode());
        assertThat(openapi.body(), containsString("/peers"));
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Runs a command once the shell knows it (commands register shortly after their bundle starts). */
    private String awaitCommand(String command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String output = run(command);
        while (output.contains("Command not found") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            output = run(command);
        }
        return output;
    }

    /** Runs a command as the owner, logged in through the real realm, so the shell's ACLs apply. */
    private String run(String command) throws Exception {
        LoginContext login = new LoginContext("karaf", credentials("admin", PeerOsExam.ADMIN_PASSWORD));
        login.login();
        try {
            return Subject.doAs(login.getSubject(), (PrivilegedExceptionAction<String>) () -> runInSession(command));
        } finally {
            login.logout();
        }
    }

    private String runInSession(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } catch (Exception e) {
            out.println("Error: " + e.getMessage());
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean login(String user, String password) {
        try {
            LoginContext login = new LoginContext("karaf", credentials(user, password));
            login.login();
            boolean admin = login.getSubject().getPrincipals().stream()
                    .anyMatch(p -> p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals("admin"));
            login.logout();
            return admin;
        } catch (LoginException e) {
            return false;
        }
    }

    /** Trusts any server: the test checks the API, not the peer's self-signed certificate. */
    private static CallbackHandler credentials(String user, String password) {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pw) {
                    pw.setPassword(password.toCharArray());
                }
            }
        };
    }

    private static HttpClient insecureClient() throws Exception {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
