package io.peeros.upgrade.internal;

import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.ContainerState;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.vpn.api.Swarm;
import io.peeros.vpn.api.SwarmService;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The health checks on the running peer: PeerOS DS components (Service Component Runtime DTOs), the PeerOS shell
 * commands and one run of {@code peer:id}, a local HTTPS call to the REST API (pinned to the peer's own
 * certificate), the swarms and the running containers with their PIDs. The optional services are looked up at
 * each check, so a check never holds a service across a refresh.
 */
final class OsgiHealthProbe implements HealthProbe {

    private static final Set<String> SCOPES = Set.of("peer", "container", "env", "vpn", "template", "user");
    /** The subject the shell checks run as: command ACLs hide commands from callers without these roles. */
    private static final Subject ADMIN = adminSubject();

    private final ServiceComponentRuntime scr;
    private final LiveServices services;
    private final int restPort;

    OsgiHealthProbe(ServiceComponentRuntime scr, LiveServices services, int restPort) {
        this.scr = scr;
        this.services = services;
        this.restPort = restPort;
    }

    private static Subject adminSubject() {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("peeros-upgrade-check"));
        for (String role : new String[] {"admin", "manager", "viewer"}) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        subject.setReadOnly();
        return subject;
    }

    @Override
    public HealthBaseline capture() {
        return new HealthBaseline(activeComponents(), commands(), upSwarms(), runningContainers(),
                shellFailure().isEmpty(), restFailure().isEmpty());
    }

    @Override
    public List<String> failures(HealthBaseline before) {
        List<String> failures = new ArrayList<>();
        Set<String> active = activeComponents();
        before.components().stream().filter(c -> !active.contains(c))
                .forEach(c -> failures.add("component " + c + " is not active"));
        Set<String> commands = commands();
        List<String> missing = before.commands().stream().filter(c -> !commands.contains(c)).toList();
        if (!missing.isEmpty()) {
            failures.add("shell commands missing: " + missing);
        }
        if (before.shellAnswered()) {
            String shellFailure = shellFailure();
            if (!shellFailure.isEmpty()) {
                failures.add("shell: " + shellFailure);
            }
        }
        if (before.restAnswered()) {
            String restFailure = restFailure();
            if (!restFailure.isEmpty()) {
                failures.add("rest: " + restFailure);
            }
        }
        Set<String> up = upSwarms();
        before.swarms().stream().filter(s -> !up.contains(s)).forEach(s -> failures.add("swarm " + s + " is not up"));
        Map<String, Integer> running = runningContainers();
        before.containerPids().forEach((name, pid) -> {
            Integer now = running.get(name);
            if (now == null) {
                failures.add("container " + name + " is not running");
            } else if (!now.equals(pid)) {
                failures.add("container " + name + " has PID " + now + ", not " + pid + " as before");
            }
        });
        return failures;
    }

    private Set<String> activeComponents() {
        Set<String> active = new HashSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.bundle == null || d.bundle.symbolicName == null || !d.bundle.symbolicName.startsWith("io.peeros.")) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                    active.add(d.bundle.symbolicName + "/" + d.name);
                }
            }
        }
        return active;
    }

    /**
     * The PeerOS commands an admin sees: the registry shows each caller only the commands its roles may run, and
     * a check running on a thread of its own has no subject of its own.
     */
    private Set<String> commands() {
        return services.with(SessionFactory.class, factory -> {
            Set<String> out = new HashSet<>();
            try {
                Subject.doAs(ADMIN, (PrivilegedExceptionAction<Void>) () -> {
                    for (Command c : factory.getRegistry().getCommands()) {
                        if (SCOPES.contains(c.getScope())) {
                            out.add(c.getScope() + ":" + c.getName());
                        }
                    }
                    return null;
                });
            } catch (java.security.PrivilegedActionException e) {
                throw new IllegalStateException("cannot list the shell commands: " + e.getCause(), e.getCause());
            }
            return out;
        }).orElse(Set.of());
    }

    /**
     * Runs {@code peer:id} as an admin in a session of its own, on a thread of its own: a command prints to the
     * calling thread's terminal, which must not be the operator's. Empty when it ran.
     */
    private String shellFailure() {
        return services.with(SessionFactory.class, this::shellFailure).orElseGet(() -> services.absence(SessionFactory.class));
    }

    private String shellFailure(SessionFactory factory) {
        Subject subject = ADMIN;
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
            try (Session session = factory.create(InputStream.nullInputStream(), sink, sink)) {
                Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute("peer:id"));
                result.complete("");
            } catch (Exception | Error e) {
                result.complete("peer:id failed: " + e);
            }
        }, "peeros-upgrade-shell-check");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            return "peer:id did not answer in 10 s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "peer:id failed: " + e.getCause();
        }
    }

    /** A GET of {@code /api/v1/peer} on the local public port; any answer but 404 or 5xx counts (empty). */
    private String restFailure() {
        return services.with(PeerIdentity.class, this::restFailure)
                .orElseGet(() -> services.absence(PeerIdentity.class));
    }

    private String restFailure(PeerIdentity id) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("peer", id.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpsURLConnection c = (HttpsURLConnection) new URL("https://127.0.0.1:" + restPort + "/api/v1/peer")
                    .openConnection();
            c.setSSLSocketFactory(tls.getSocketFactory());
            // the certificate is pinned above; the name in it is the peer's, not 127.0.0.1
            c.setHostnameVerifier((host, session) -> true);
            c.setConnectTimeout(2000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            // read the answer to its end, so the server does not log a broken pipe
            try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            c.disconnect();
            return status == 404 || status >= 500 ? "GET /api/v1/peer answered " + status : "";
        } catch (Exception e) {
            return "GET /api/v1/peer on port " + restPort + " failed: " + e;
        }
    }

    private Set<String> upSwarms() {
        return services.with(SwarmService.class, s -> {
            Set<String> out = new HashSet<>();
            for (Swarm swarm : s.list()) {
                out.add(swarm.id());
            }
            return out;
        }).orElse(Set.of());
    }

    private Map<String, Integer> runningContainers() {
        return services.with(ContainerManager.class, m -> {
            Map<String, Integer> out = new HashMap<>();
            for (ContainerInfo c : m.list()) {
                if (c.state() == ContainerState.RUNNING) {
                    out.put(c.name(), c.pid());
                }
            }
            return out;
        }).orElse(Map.of());
    }
}
