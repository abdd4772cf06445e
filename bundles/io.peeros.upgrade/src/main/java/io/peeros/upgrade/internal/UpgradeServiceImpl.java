package io.peeros.upgrade.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peeros.registry.api.PeerClient;
import io.peeros.registry.api.RegistryException;
import io.peeros.upgrade.api.AvailableUpgrade;
import io.peeros.upgrade.api.UpgradeException;
import io.peeros.upgrade.api.UpgradeOutcome;
import io.peeros.upgrade.api.UpgradeProgress;
import io.peeros.upgrade.api.UpgradeRecord;
import io.peeros.upgrade.api.UpgradeRequest;
import io.peeros.upgrade.api.UpgradeService;
import io.peeros.upgrade.internal.archive.ArchiveLimits;
import io.peeros.upgrade.internal.archive.ArchiveVerifier;
import io.peeros.upgrade.internal.archive.PublisherKeys;
import io.peeros.upgrade.internal.archive.VerifiedArchive;
import io.peeros.upgrade.internal.archive.Versions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade service. Its only references are the features service and SCR, which an upgrade of PeerOS never
 * touches; the PeerOS and shell services it looks at are looked up when used ({@link LiveServices}), so replacing
 * their bundles neither restarts this component nor leaves it holding a stale service. Immediate: after a restart
 * or a self-update it must finish a pending upgrade whether or not anybody asks for the service.
 */
@Component(configurationPid = UpgradeServiceImpl.PID, service = UpgradeService.class, immediate = true)
@Designate(ocd = UpgradeServiceImpl.Config.class)
public final class UpgradeServiceImpl implements UpgradeService {

    static final String PID = "io.peeros.upgrade.UpgradeService";
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeServiceImpl.class);

    /** The upgrade service's configuration. */
    @ObjectClassDefinition(name = "PeerOS upgrades",
            description = "Which publishers' archives this peer installs, and the bounds of an upgrade.")
    public @interface Config {

        @AttributeDefinition(description = "Public keys of the publishers whose archives this peer installs"
                + " (ed25519:<base64>, as the publisher tool prints), separated by commas or spaces. Empty: none.")
        String trustedPublishers() default "";

        @AttributeDefinition(description = "Seconds the health check may take after an install or a rollback.")
        int healthTimeoutSeconds() default 60;

        @AttributeDefinition(description = "Largest archive accepted, in MiB.")
        int maxArchiveMegabytes() default 512;

        @AttributeDefinition(description = "The REST API's public port, which the health check calls locally.")
        int restPort() default 8443;

        @AttributeDefinition(description = "Directory of archives, history and pending record; empty for"
                + " ${karaf.data}/peeros/upgrade.")
        String storeDir() default "";

        @AttributeDefinition(description = "Seconds a download from another peer may take.")
        int downloadTimeoutSeconds() default 300;
    }

    private final FeaturesService features;
    private final ServiceComponentRuntime scr;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean active;
    private UpgradeStore store;
    private ArchiveVerifier verifier;
    private Preparer preparer;
    private Upgrader upgrader;
    private BundleContext context;
    private Config config;
    private ExecutorService resumer;
    private LiveServices live;

    @Activate
    public UpgradeServiceImpl(@Reference(name = "features") FeaturesService features,
            @Reference(name = "scr") ServiceComponentRuntime scr) {
        this.features = features;
        this.scr = scr;
    }

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        String data = System.getProperty("karaf.data", "data");
        String home = System.getProperty("karaf.home", ".");
        store = new UpgradeStore(config.storeDir().isBlank() ? Path.of(data, "peeros", "upgrade")
                : Path.of(config.storeDir()));
        verifier = new ArchiveVerifier(PublisherKeys.parseAll(config.trustedPublishers(), "trustedPublishers"),
                new ArchiveLimits((long) config.maxArchiveMegabytes() << 20, 2000));
        preparer = new Preparer(store, new LocalArtifacts(Path.of(home, "system")));
        live = new LiveServices(context);
        HealthProbe probe = new OsgiHealthProbe(scr, live, config.restPort());
        upgrader = new Upgrader(store, new KarafInstaller(features, Duration.ofSeconds(config.healthTimeoutSeconds())), probe,
                Duration.ofSeconds(config.healthTimeoutSeconds()), Clock.systemUTC(), () -> active);
        active = true;
        resumer = Executors.newSingleThreadExecutor(r -> new Thread(r, "peeros-upgrade-resume"));
        LOG.info("Upgrade service {} active in bundle {}", System.identityHashCode(this), context.getBundle());
        store.pending().ifPresent(pending -> resumer.execute(() -> resume(pending)));
    }

    @Deactivate
    void deactivate() {
        LOG.info("Upgrade service {} deactivated", System.identityHashCode(this));
        active = false;
        // no waiting: the deactivation may come from the very deployment an upgrade thread waits for
        resumer.shutdown();
    }

    private void resume(PendingUpgrade pending) {
        if (!running.tryLock()) {
            return;
        }
        try {
            LOG.info("Finishing upgrade {} from {} to {} ({})", pending.id(), pending.fromVersion(),
                    pending.toVersion(), pending.phase());
            UpgradeRecord record = upgrader.resume(pending, line -> LOG.info("upgrade: {}", line));
            if (record != null) {
                LOG.info("Upgrade {} ended: {}", pending.id(), record.outcome());
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot finish upgrade {}", pending.id(), e);
        } finally {
            running.unlock();
        }
    }

    @Override
    public UpgradeRecord upgrade(UpgradeRequest request, UpgradeProgress progress) {
        if (!running.tryLock()) {
            throw new UpgradeException(UpgradeException.BUSY, "another upgrade is running; see peer:upgrade --history");
        }
        Instant started = Instant.now();
        String from = installedVersion();
        String source = request.describeSource();
        try {
            if (store.pending().isPresent()) {
                throw new UpgradeException(UpgradeException.BUSY, "an interrupted upgrade is being finished");
            }
            VerifiedArchive archive = fetchAndVerify(request, progress);
            progress.step("Verified: PeerOS " + archive.manifest().version() + " signed by publisher "
                    + archive.manifest().publisher() + ", " + archive.manifest().entries().size() + " entries.");
            PreparedUpgrade prepared = preparer.prepare(archive, peerState(), new KarafInstaller(features, Duration.ofSeconds(config.healthTimeoutSeconds())).current());
            progress.step("Plan: " + from + " -> " + prepared.toVersion() + "; bundles updated " + prepared
                    .updatedBundles() + "; unchanged (kept, not refreshed) " + prepared.keptBundles()
                    + (prepared.firstWave() == null ? "; one deployment" : "; two waves: " + prepared.firstWaveBundles()
                            + ", then " + prepared.lastWaveBundles()));
            if (request.dryRun()) {
                return upgrader.dryRun(prepared, source, started, progress);
            }
            UpgradeRecord record = upgrader.apply(prepared, source, started, progress);
            if (record == null) {
                return new UpgradeRecord(UUID.randomUUID().toString(), started, 0, from, prepared.toVersion(), source,
                        UpgradeOutcome.RUNNING, List.of(), false, prepared.updatedBundles(),
                        "the upgrade service itself was updated; its new revision finishes (see --history)");
            }
            return record;
        } catch (UpgradeException e) {
            store.append(new UpgradeRecord(UUID.randomUUID().toString(), started,
                    Duration.between(started, Instant.now()).toMillis(), from, "", source, UpgradeOutcome.REFUSED,
                    List.of(), false, List.of(), e.code() + ": " + e.getMessage()));
            throw e;
        } catch (Exception e) {
            UpgradeException failure = new UpgradeException(UpgradeException.INSTALL_FAILED,
                    "the upgrade failed before anything was installed: " + e.getMessage(), e);
            store.append(new UpgradeRecord(UUID.randomUUID().toString(), started,
                    Duration.between(started, Instant.now()).toMillis(), from, "", source, UpgradeOutcome.REFUSED,
                    List.of(), false, List.of(), failure.getMessage()));
            throw failure;
        } finally {
            running.unlock();
        }
    }

    /** Copies or downloads the archive into the store's spool, verifies it, and keeps it under its version. */
    private VerifiedArchive fetchAndVerify(UpgradeRequest request, UpgradeProgress progress) throws IOException {
        int sources = (request.file() != null ? 1 : 0) + (request.fromPeer() != null ? 1 : 0);
        if (sources > 1 || (sources == 0 && (request.version() == null || request.version().isBlank()))) {
            throw new UpgradeException(UpgradeException.REQUEST_INVALID, "name exactly one of: an archive file, a"
                    + " version kept on this peer, or a peer to download from");
        }
        Path spool = Files.createTempFile(store.spool(), "archive-", ".zip");
        try {
            if (request.file() != null) {
                if (!Files.isRegularFile(request.file())) {
                    throw new UpgradeException(UpgradeException.REQUEST_INVALID, "no archive file " + request.file());
                }
                progress.step("Reading " + request.file() + "...");
                Files.copy(request.file(), spool, StandardCopyOption.REPLACE_EXISTING);
            } else if (request.fromPeer() != null) {
                download(request.fromPeer(), request.version(), spool, progress);
            } else {
                Path kept = store.archive(request.version());
                if (!Files.isRegularFile(kept)) {
                    throw new UpgradeException(UpgradeException.VERSION_UNKNOWN, "this peer keeps no archive of version "
                            + request.version() + " (kept: " + available().stream().map(AvailableUpgrade::version)
                                    .toList() + "); give a file or --from <peer>");
                }
                Files.copy(kept, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            progress.step("Verifying the signature and every entry's digest...");
            VerifiedArchive verified = verifier.verify(spool);
            Path kept = store.archive(verified.manifest().version());
            Files.createDirectories(kept.getParent());
            Files.move(spool, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new VerifiedArchive(kept, verified.manifest(), verified.featuresXml());
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void download(String peerId, String version, Path target, UpgradeProgress progress) {
        boolean done = live.with(PeerClient.class, client -> {
            download(client, peerId, version, target, progress);
            return true;
        }).orElse(false);
        if (!done) {
            throw new UpgradeException(UpgradeException.PEER_UNAVAILABLE, "no peer client runs on this peer");
        }
    }

    private void download(PeerClient client, String peerId, String version, Path target, UpgradeProgress progress) {
        Duration timeout = Duration.ofSeconds(config.downloadTimeoutSeconds());
        try {
            String v = version;
            if (v == null || v.isBlank()) {
                byte[] list = client.call(peerId, "GET", "upgrades", null, Duration.ofSeconds(30));
                List<AvailableUpgrade> offered = new ObjectMapper()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(list, new TypeReference<List<AvailableUpgrade>>() { });
                v = offered.stream().map(AvailableUpgrade::version).max(Versions::compare).orElseThrow(() ->
                        new UpgradeException(UpgradeException.VERSION_UNKNOWN, "peer " + peerId + " serves no upgrade"));
            }
            progress.step("Downloading PeerOS " + v + " from peer " + peerId + "...");
            client.download(peerId, "upgrades/" + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8),
                    target, (long) config.maxArchiveMegabytes() << 20, timeout);
        } catch (RegistryException e) {
            throw new UpgradeException(UpgradeException.PEER_UNAVAILABLE, "cannot download the archive from peer "
                    + peerId + ": " + e.getMessage() + " [" + e.code() + "]", e);
        } catch (IOException e) {
            throw new UpgradeException(UpgradeException.PEER_UNAVAILABLE, "peer " + peerId
                    + " answered an unreadable list of upgrades: " + e.getMessage(), e);
        }
    }

    PeerState peerState() throws Exception {
        java.util.Map<String, String> installed = new java.util.TreeMap<>();
        java.util.Set<String> repositories = new java.util.TreeSet<>();
        String version = null;
        for (org.apache.karaf.features.Feature f : features.listInstalledFeatures()) {
            if (f.getName().equals("peeros") || f.getName().startsWith("peeros-")) {
                installed.put(f.getName(), f.getVersion());
                if (f.getRepositoryUrl() != null) {
                    repositories.add(f.getRepositoryUrl());
                }
                if (f.getName().equals("peeros")) {
                    version = f.getVersion();
                }
            }
        }
        if (version == null) {
            throw new UpgradeException(UpgradeException.MISSING_FEATURE, "the feature 'peeros' is not installed here");
        }
        java.util.Map<String, String> bundles = new java.util.TreeMap<>();
        for (org.osgi.framework.Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.peeros.")) {
                bundles.put(b.getSymbolicName(), b.getLocation());
            }
        }
        return new PeerState(version, installed, repositories, bundles);
    }

    @Override
    public List<UpgradeRecord> history() {
        return store.history();
    }

    @Override
    public String installedVersion() {
        try {
            return peerState().version();
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Override
    public List<AvailableUpgrade> available() {
        Path dir = store.archives();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("peeros-upgrade-.+\\.zip"))
                    .map(KeptArchives::describe).filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparing(AvailableUpgrade::version, Versions::compare)).toList();
        } catch (IOException e) {
            throw new UpgradeException(UpgradeException.VERSION_UNKNOWN, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void writeArchive(String version, OutputStream out) throws IOException {
        Path kept = store.archive(version);
        if (!version.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(kept)) {
            throw new UpgradeException(UpgradeException.VERSION_UNKNOWN, "this peer keeps no archive of version "
                    + version);
        }
        Files.copy(kept, out);
    }
}
