package io.peeros.container.template.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.peeros.container.api.ContainerException;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateProgress;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import, all or nothing. The archive is read once, in order, into a staging directory of the store:
 * the signature and the publisher are checked as soon as {@code metadata.sig} is read, the config and the
 * compressed rootfs against their signed SHA-256 as they are copied; only then is the rootfs decompressed,
 * checked entry by entry and unpacked. The staged template becomes visible in one rename; any failure
 * deletes the staging directory.
 */
final class TemplateImport {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateImport.class);

    private final StoreLayout layout;
    private final PeerIdentity identity;
    private final TrustService trust;
    private final ConfigPolicy policy;
    private final String architecture;
    private final Object commitLock;

    TemplateImport(StoreLayout layout, PeerIdentity identity, TrustService trust, ConfigPolicy policy,
            String architecture, Object commitLock) {
        this.layout = layout;
        this.identity = identity;
        this.trust = trust;
        this.policy = policy;
        this.architecture = architecture;
        this.commitLock = commitLock;
    }

    TemplateMetadata run(Path archive, TemplateProgress progress) {
        if (!Files.isRegularFile(archive)) {
            throw new TemplateException(ContainerException.NOT_FOUND, "no archive at " + archive);
        }
        Path staging = null;
        try {
            long total = Files.size(archive);
            staging = layout.newStaging();
            long t0 = System.nanoTime();
            TemplateMetadata m = read(archive, staging, new ProgressMeter(progress, TemplateProgress.READ, total));
            long t1 = System.nanoTime();
            progress.update(TemplateProgress.READ, total, total);
            long usable = Files.getFileStore(staging).getUsableSpace();
            if (usable < m.rootfsSize()) {
                throw new TemplateException(TemplateException.NO_SPACE, "template " + m.id() + " needs "
                        + m.rootfsSize() + " bytes, the store has " + usable + " free");
            }
            Path rootfs = Files.createDirectory(staging.resolve(StoreLayout.ROOTFS));
            ProgressMeter extracting = new ProgressMeter(progress, TemplateProgress.EXTRACT, m.rootfsSize());
            long size = RootfsExtractor.extract(staging.resolve(StoreLayout.ROOTFS_ZST), rootfs, m.rootfsSize(), extracting);
            if (size != m.rootfsSize()) {
                throw TarIn.invalid("the rootfs tar has " + size + " bytes, its metadata states " + m.rootfsSize());
            }
            extracting.done(size);
            long t2 = System.nanoTime();
            synchronized (commitLock) {
                checkPlace(m);
                layout.commit(staging, m.name(), m.version());
            }
            LOG.info("Template {}: archive read and verified in {} ms, rootfs checked and extracted in {} ms",
                    m.id(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            staging = null;
            return m;
        } catch (IOException e) {
            throw new TemplateException(TemplateException.STORE_FAILURE, "could not import " + archive + ": " + e, e);
        } finally {
            if (staging != null) {
                try {
                    StoreLayout.deleteTree(staging);
                } catch (IOException e) {
                    // open() deletes it at the next start
                }
            }
        }
    }

    /** Reads and verifies the four entries into {@code staging}; returns the verified metadata. */
    private TemplateMetadata read(Path archive, Path staging, ProgressMeter progress) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            TarIn tar = new TarIn(in);
            byte[] json = tar.read(expect(tar.next(), StoreLayout.METADATA), ArchiveFormat.MAX_METADATA);
            JsonNode tree = TemplateMetadata.tree(json);
            TarIn.Entry e = tar.next();
            if (e == null || !e.name().equals(StoreLayout.SIGNATURE)) {
                throw new TemplateException(TemplateException.UNSIGNED, "the archive is not signed: its second entry is "
                        + (e == null ? "missing" : "'" + e.name() + "'") + ", not metadata.sig");
            }
            byte[] signature = tar.read(e, ArchiveFormat.MAX_SIGNATURE);
            if (signature.length == 0) {
                throw new TemplateException(TemplateException.UNSIGNED, "the archive is not signed: metadata.sig is empty");
            }
            String publisher = TemplateMetadata.text(tree, "publisher");
            X509Certificate certificate = Signatures.certificate(TemplateMetadata.text(tree, "publisherCertificate"));
            Signatures.verify(json, signature, certificate, publisher);
            checkTrusted(publisher, tree);
            TemplateMetadata m = TemplateMetadata.of(tree);
            if (!m.architecture().equals(architecture)) {
                throw TarIn.invalid("template " + m.id() + " is built for " + m.architecture() + ", this peer is "
                        + architecture);
            }
            synchronized (commitLock) {
                checkPlace(m);
            }
            byte[] config = tar.read(expect(tar.next(), StoreLayout.CONFIG), ArchiveFormat.MAX_CONFIG);
            if (!Digests.sha256(config).equals(m.configSha256())) {
                throw tampered(m, "config", "its SHA-256 differs from the signed configSha256");
            }
            policy.check(utf8(config));
            copyRootfs(tar, expect(tar.next(), StoreLayout.ROOTFS_ZST), m, staging.resolve(StoreLayout.ROOTFS_ZST), progress);
            TarIn.Entry extra = tar.next();
            if (extra != null) {
                throw TarIn.invalid("unexpected entry '" + extra.name() + "' after rootfs.tar.zst");
            }
            Files.write(staging.resolve(StoreLayout.METADATA), json);
            Files.write(staging.resolve(StoreLayout.SIGNATURE), signature);
            Files.write(staging.resolve(StoreLayout.CONFIG), config);
            return m;
        }
    }

    private void copyRootfs(TarIn tar, TarIn.Entry e, TemplateMetadata m, Path target, ProgressMeter progress)
            throws IOException {
        if (e.size() != m.rootfsCompressedSize()) {
            throw tampered(m, "rootfs.tar.zst", "it has " + e.size() + " bytes, the signed metadata states "
                    + m.rootfsCompressedSize());
        }
        MessageDigest digest = Digests.sha256();
        try (OutputStream out = Files.newOutputStream(target)) {
            tar.copy(e, out, digest, progress);
        }
        if (!Digests.hex(digest).equals(m.rootfsSha256())) {
            throw tampered(m, "rootfs.tar.zst", "its SHA-256 differs from the signed rootfsSha256");
        }
    }

    private void checkTrusted(String publisher, JsonNode tree) {
        if (publisher.equals(identity.peerId()) || trust.certificateOf(publisher).isPresent()) {
            return;
        }
        throw new TemplateException(TemplateException.UNTRUSTED_PUBLISHER, "template " + tree.path("name").asText()
                + " " + tree.path("version").asText() + " is signed by peer " + publisher
                + ", which this peer does not trust; trust that peer first (register it)");
    }

    /** Refuses a name and version already stored, and a parent that is not stored with the same rootfs. */
    private void checkPlace(TemplateMetadata m) {
        if (layout.metadata(m.name(), m.version()).isPresent()) {
            throw new TemplateException(TemplateException.TEMPLATE_EXISTS, "template " + m.id()
                    + " is already in the store; remove it first to replace it");
        }
        if (m.parent() != null) {
            var stored = layout.metadata(m.parent().name(), m.parent().version());
            if (stored.isEmpty()) {
                throw new TemplateException(TemplateException.PARENT_MISSING, "template " + m.id() + " derives from "
                        + m.parent().id() + ", which is not in the store; import the parent first");
            }
            if (!stored.get().rootfsSha256().equals(m.parent().rootfsSha256())) {
                throw new TemplateException(TemplateException.PARENT_MISSING, "template " + m.id() + " derives from a "
                        + m.parent().id() + " whose rootfs differs from the one in the store");
            }
        }
    }

    private static TarIn.Entry expect(TarIn.Entry e, String name) {
        if (e == null || !e.name().equals(name)) {
            throw TarIn.invalid("expected the entry " + name + " but found "
                    + (e == null ? "the end of the archive" : "'" + e.name() + "'"));
        }
        return e;
    }

    private static String utf8(byte[] config) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(config)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateException(TemplateException.CONFIG_REFUSED, "the config is not UTF-8 text");
        }
    }

    private static TemplateException tampered(TemplateMetadata m, String entry, String why) {
        return new TemplateException(TemplateException.HASH_MISMATCH, "template " + m.id() + " was tampered with: "
                + entry + " does not match the signed metadata (" + why + ")");
    }
}
