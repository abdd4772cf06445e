package io.peeros.container.api.testing;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.container.api.TemplateStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Templates in memory. Its "archive" is a first line {@code name version signed|unsigned} followed by any
 * payload: enough to exercise uploads of any size, refusals with the store's codes, and progress. Import reads
 * the whole file (step {@code read}), then "extracts" it (step {@code extract}).
 */
public final class FakeTemplateStore implements TemplateStore {

    public static final Instant CREATED = Instant.parse("2026-11-20T08:00:00Z");

    private final Map<String, TemplateInfo> templates = new TreeMap<>();
    /** Ids of templates containers use: removing them is refused with IN_USE. */
    public final Set<String> inUse = ConcurrentHashMap.newKeySet();
    /** When set, import waits on it after reading, as a slow extraction would. */
    public volatile CountDownLatch extractGate;
    public final List<Path> imported = new ArrayList<>();

    /** The archive bytes for {@code name} and {@code version} with {@code payload} bytes after the header. */
    public static byte[] archive(String name, String version, boolean signed, int payload) {
        byte[] header = (name + " " + version + " " + (signed ? "signed" : "unsigned") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[header.length + payload];
        System.arraycopy(header, 0, bytes, 0, header.length);
        for (int i = header.length; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Adds a template directly, as if it had been imported already. */
    public synchronized FakeTemplateStore with(String name, String version) {
        templates.put(name + ":" + version, info(name, version, 1000, "00".repeat(32)));
        return this;
    }

    @Override
    public TemplateInfo importArchive(Path archive, TemplateProgress progress) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new TemplateException(TemplateException.STORE_FAILURE, "cannot read " + archive, e);
        }
        for (long done = 0; done < bytes.length; done += 1 << 20) {
            progress.update(TemplateProgress.READ, done, bytes.length);
        }
        progress.update(TemplateProgress.READ, bytes.length, bytes.length);
        int eol = indexOf(bytes, (byte) '\n');
        String[] header = eol < 0 ? new String[0] : new String(bytes, 0, eol, StandardCharsets.UTF_8).split(" ");
        if (header.length != 3) {
            throw new TemplateException(TemplateException.INVALID_ARCHIVE, "not a template archive");
        }
        if (!header[2].equals("signed")) {
            throw new TemplateException(TemplateException.UNSIGNED, "the archive has no signature");
        }
        await();
        progress.update(TemplateProgress.EXTRACT, bytes.length, bytes.length);
        synchronized (this) {
            String id = header[0] + ":" + header[1];
            if (templates.containsKey(id)) {
                throw new TemplateException(TemplateException.TEMPLATE_EXISTS, "template " + id + " exists already");
            }
            TemplateInfo info = info(header[0], header[1], bytes.length, sha256(bytes));
            templates.put(id, info);
            imported.add(archive);
            return info;
        }
    }

    @Override
    public synchronized List<TemplateInfo> list() {
        return new ArrayList<>(templates.values());
    }

    @Override
    public synchronized TemplateInfo info(String name, String version) {
        if (version != null) {
            TemplateInfo info = templates.get(name + ":" + version);
            if (info == null) {
                throw new TemplateException(ContainerException.NOT_FOUND, "there is no template " + name + ":"
                        + version);
            }
            return info;
        }
        return templates.values().stream().filter(t -> t.name().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new TemplateException(ContainerException.NOT_FOUND, "there is no template '"
                        + name + "'"));
    }

    @Override
    public synchronized Template get(String name, String version) {
        TemplateInfo info = info(name, version);
        return new Template(info.id(), Path.of("/var/lib/peeros/templates", info.name(), info.version()));
    }

    @Override
    public synchronized void remove(String name, String version) {
        TemplateInfo info = info(name, version);
        List<TemplateInfo> doomed = version != null ? List.of(info)
                : templates.values().stream().filter(t -> t.name().equals(name)).toList();
        for (TemplateInfo t : doomed) {
            if (inUse.contains(t.id())) {
                throw new TemplateException(ContainerException.IN_USE, "containers use template " + t.id());
            }
        }
        doomed.forEach(t -> templates.remove(t.id()));
    }

    @Override
    public void writeArchive(String name, String version, OutputStream out) {
        TemplateInfo info = info(name, version);
        try {
            out.write(archive(info.name(), info.version(), true, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an archive of {@code name} and {@code version} whose payload is the size of {@code source}'s files. */
    @Override
    public TemplateInfo build(Path source, String name, String version, String parent, Path archive,
            TemplateProgress progress) {
        if (parent != null) {
            String[] ref = parent.split(":", 2);
            info(ref[0], ref.length > 1 ? ref[1] : null);
        }
        return write(name, version, 3000, archive, progress);
    }

    /** Writes an archive unless {@link #exportRefusal} is set. */
    @Override
    public TemplateInfo export(String container, String name, String version, Path archive,
            TemplateProgress progress) {
        if (exportRefusal != null) {
            throw exportRefusal;
        }
        return write(name, version, 2000, archive, progress);
    }

    /** What export throws, e.g. INVALID_STATE for a running container. */
    public volatile RuntimeException exportRefusal;

    private static TemplateInfo write(String name, String version, int payload, Path archive,
            TemplateProgress progress) {
        byte[] bytes = archive(name, version, true, payload);
        progress.update(TemplateProgress.PACK, bytes.length / 2, bytes.length);
        progress.update(TemplateProgress.PACK, bytes.length, bytes.length);
        try {
            Files.write(archive, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.update(TemplateProgress.WRITE, bytes.length, bytes.length);
        return info(name, version, bytes.length, sha256(bytes));
    }

    private void await() {
        CountDownLatch gate = extractGate;
        try {
            if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nobody opened the extract gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TemplateInfo info(String name, String version, long size, String sha) {
        return new TemplateInfo(name, version, null, "amd64", CREATED, size * 3, size, sha, "11".repeat(32),
                "a".repeat(64));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < Math.min(bytes.length, 200); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
