package io.peeros.environment.internal.agent;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.container.api.TemplateStore;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.registry.api.PeerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template a container is made from, fetched from the peers that have it when this peer lacks it: downloaded
 * over mutual TLS ({@code /api/v1/p2p/templates}) into a spool file, then imported with the store's full
 * verification (signature, publisher, hashes, paths). One fetch per template at a time: containers created in
 * parallel from a missing template wait for the first fetch instead of starting their own.
 */
final class TemplateFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateFetcher.class);

    private final TemplateStore templates;
    private final Supplier<PeerClient> client;
    private final Path spool;
    private final long maxBytes;
    private final Duration timeout;
    private final String self;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    TemplateFetcher(TemplateStore templates, Supplier<PeerClient> client, Path spool, long maxBytes,
            Duration timeout, String self) {
        this.templates = templates;
        this.client = client;
        this.spool = spool;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.self = self;
        removeLeftovers();
    }

    /**
     * The stored template {@code reference} ({@code name} or {@code name:version}), fetched first from the
     * {@code sources} in order when it is not here.
     *
     * @throws EnvironmentException TEMPLATE_MISSING naming the template, this peer and why each source failed
     */
    Template template(String reference, List<String> sources) {
        Optional<Template> here = stored(reference);
        if (here.isPresent()) {
            return here.get();
        }
        synchronized (locks.computeIfAbsent(reference, k -> new Object())) {
            here = stored(reference);
            if (here.isPresent()) {
                return here.get();
            }
            List<String> tried = sources.stream().filter(s -> !s.equals(self)).distinct().toList();
            if (tried.isEmpty()) {
                throw missing(reference, "no peer that has it was named: import it there first (template:import)");
            }
            PeerClient peers = client.get();
            if (peers == null) {
                throw missing(reference, "no peer client runs here to fetch it from "
                        + String.join(", ", tried.stream().map(TemplateFetcher::abbreviated).toList()));
            }
            List<String> failures = new ArrayList<>();
            for (String source : tried) {
                try {
                    fetch(peers, source, reference);
                    return stored(reference).orElseThrow(() -> new TemplateException(ContainerException.NOT_FOUND,
                            "the archive peer " + abbreviated(source) + " sent is not " + reference));
                } catch (RuntimeException e) {
                    LOG.warn("Could not fetch template {} from peer {}: {}", reference, abbreviated(source),
                            e.getMessage());
                    failures.add("peer " + abbreviated(source) + ": " + e.getMessage());
                }
            }
            throw missing(reference, "fetching it failed from every peer that has it (" + String.join("; ",
                    failures) + ")");
        }
    }

    private void fetch(PeerClient peers, String source, String reference) {
        Path archive = null;
        try {
            Files.createDirectories(spool);
            archive = Files.createTempFile(spool, ".template-", ".tar");
            long start = System.nanoTime();
            peers.download(source, path(reference), archive, maxBytes, timeout);
            long size = Files.size(archive);
            TemplateInfo info = importQuietly(archive);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("fetched {} from {} ({} MiB in {} s)", info == null ? reference : info.id(),
                    abbreviated(source), String.format(Locale.ROOT, "%.1f", size / (double) (1 << 20)),
                    String.format(Locale.ROOT, "%.1f", seconds));
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the archive in " + spool, e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException e) {
                    LOG.warn("Could not delete the spooled template archive {}: {}", archive, e.getMessage());
                }
            }
        }
    }

    /** An import that finds the template there already (imported by hand meanwhile) is as good as done. */
    private TemplateInfo importQuietly(Path archive) {
        try {
            return templates.importArchive(archive, TemplateProgress.NONE);
        } catch (TemplateException e) {
            if (TemplateException.TEMPLATE_EXISTS.equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    /** Spool files a crash left behind. */
    private void removeLeftovers() {
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (var files = Files.newDirectoryStream(spool, ".template-*.tar")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the spooled template archives in {}: {}", spool, e.getMessage());
        }
    }

    private Optional<Template> stored(String reference) {
        String[] ref = split(reference);
        try {
            return Optional.of(templates.get(ref[0], ref[1]));
        } catch (ContainerException e) {
            if (ContainerException.NOT_FOUND.equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private EnvironmentException missing(String reference, String why) {
        return new EnvironmentException("TEMPLATE_MISSING", "template '" + reference + "' is not on peer "
                + abbreviated(self) + " and " + why);
    }

    /** {@code templates/name} for the newest version the source has, {@code templates/name/version} for one. */
    static String path(String reference) {
        String[] ref = split(reference);
        return "templates/" + segment(ref[0]) + (ref[1] == null ? "" : "/" + segment(ref[1]));
    }

    private static String[] split(String reference) {
        int colon = reference.indexOf(':');
        return colon < 0 ? new String[] {reference, null}
                : new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviated(String peerId) {
        return peerId == null ? "(unknown)" : peerId.length() > 12 ? peerId.substring(0, 12) : peerId;
    }
}
