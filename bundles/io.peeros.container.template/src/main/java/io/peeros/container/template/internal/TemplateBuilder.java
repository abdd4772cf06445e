package io.peeros.container.template.internal;

import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.identity.api.PeerIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Makes a signed template archive from a rootfs (given as the tar command that writes it) and a config
 * fragment: checks name, version and config, packs the rootfs, writes and signs the metadata with the peer
 * key, writes the archive.
 */
final class TemplateBuilder {

    private final PeerIdentity identity;
    private final ConfigPolicy policy;
    private final RootfsPacker packer;
    private final String architecture;

    TemplateBuilder(PeerIdentity identity, ConfigPolicy policy, RootfsPacker packer, String architecture) {
        this.identity = identity;
        this.policy = policy;
        this.packer = packer;
        this.architecture = architecture;
    }

    /**
     * @param scratch an empty working directory the caller deletes afterwards
     * @param parent the parent bound to its rootfs hash, or {@code null}
     */
    TemplateInfo build(List<String> tarCommand, String config, String name, String version,
            TemplateMetadata.Parent parent, Path scratch, Path archive, TemplateProgress progress) {
        TemplateNames.checkName(name);
        TemplateNames.checkVersion(version);
        policy.check(config);
        try {
            Path zst = scratch.resolve(StoreLayout.ROOTFS_ZST);
            ProgressMeter packing = new ProgressMeter(progress, TemplateProgress.PACK, -1);
            RootfsPacker.Packed packed = packer.pack(tarCommand, zst, packing);
            packing.done(packed.size());
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            TemplateMetadata m = new TemplateMetadata(name, version, parent, architecture, created, packed.size(),
                    packed.compressedSize(), packed.sha256(), Digests.sha256(configBytes), identity.peerId(),
                    Signatures.pem(identity.certificate()));
            byte[] json = m.toJson();
            byte[] signature = identity.sign(json);
            long total = packed.compressedSize() + json.length + configBytes.length + 8 * TarHeader.BLOCK;
            ProgressMeter writing = new ProgressMeter(progress, TemplateProgress.WRITE, total);
            long size = ArchiveFormat.writeFile(archive, json, signature, configBytes, zst, created.getEpochSecond(),
                    writing);
            writing.done(size);
            return m.info();
        } catch (IOException e) {
            throw new TemplateException(TemplateException.STORE_FAILURE, "could not build template " + name + " "
                    + version + ": " + e.getMessage(), e);
        }
    }
}
