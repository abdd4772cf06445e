package io.peeros.container.template.internal;

import io.peeros.identity.api.PeerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Takes template archives apart and puts (altered) pieces back together, for the refusal tests. */
final class Forge {

    /** The four entries of an archive; a null entry is left out when written. */
    static final class Parts {
        byte[] metadata;
        byte[] signature;
        byte[] config;
        byte[] rootfs;

        TemplateMetadata parsed() {
            return TemplateMetadata.of(TemplateMetadata.tree(metadata));
        }

        /** Replaces config and rootfs, rewrites the metadata to match and signs it with {@code signer}. */
        Parts resigned(PeerIdentity signer, String config, byte[] rootfsTar, String name, String version)
                throws IOException {
            Parts p = new Parts();
            TemplateMetadata m = parsed();
            p.config = config.getBytes(StandardCharsets.UTF_8);
            p.rootfs = rootfsTar == null ? rootfs : zstd(rootfsTar);
            long size = rootfsTar == null ? m.rootfsSize() : rootfsTar.length;
            TemplateMetadata n = new TemplateMetadata(name, version, m.parent(), m.architecture(), Instant.now(), size,
                    p.rootfs.length, Digests.sha256(p.rootfs), Digests.sha256(p.config), signer.peerId(),
                    Signatures.pem(signer.certificate()));
            p.metadata = n.toJson();
            p.signature = signer.sign(p.metadata);
            return p;
        }

        Path write(Path file) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                TarOut tar = new TarOut(out, 0);
                entry(tar, StoreLayout.METADATA, metadata);
                entry(tar, StoreLayout.SIGNATURE, signature);
                entry(tar, StoreLayout.CONFIG, config);
                entry(tar, StoreLayout.ROOTFS_ZST, rootfs);
                tar.finish();
            }
            return file;
        }

        private static void entry(TarOut tar, String name, byte[] data) throws IOException {
            if (data != null) {
                tar.entry(name, data);
            }
        }
    }

    private Forge() {
    }

    static Parts read(Path archive) throws IOException {
        Parts p = new Parts();
        try (InputStream in = Files.newInputStream(archive)) {
            TarIn tar = new TarIn(in);
            p.metadata = tar.read(tar.next(), 1 << 20);
            p.signature = tar.read(tar.next(), 1 << 20);
            p.config = tar.read(tar.next(), 1 << 20);
            p.rootfs = tar.read(tar.next(), 1 << 30);
        }
        return p;
    }

    static byte[] zstd(byte[] data) throws IOException {
        Process z = new ProcessBuilder("zstd", "-q", "-c", "-").start();
        try (OutputStream in = z.getOutputStream()) {
            in.write(data);
        }
        byte[] out = z.getInputStream().readAllBytes();
        try {
            if (z.waitFor() != 0) {
                throw new IOException("zstd failed");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return out;
    }

    /** A hand-made tar stream, for entries GNU tar would not write. */
    static final class RawTar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        RawTar dir(String name) {
            return add(name, TarHeader.DIRECTORY, new byte[0], null);
        }

        RawTar file(String name, String content) {
            return add(name, TarHeader.REGULAR, content.getBytes(StandardCharsets.UTF_8), null);
        }

        RawTar symlink(String name, String target) {
            return add(name, TarHeader.SYMLINK, new byte[0], target);
        }

        RawTar hardlink(String name, String target) {
            return add(name, TarHeader.HARDLINK, new byte[0], target);
        }

        RawTar device(String name) {
            return add(name, TarHeader.CHAR_DEVICE, new byte[0], null);
        }

        /** A pax header setting {@code key=value} for the next entry. */
        RawTar pax(String key, String value) {
            return pax(key, value, TarHeader.PAX);
        }

        RawTar pax(String key, String value, byte type) {
            String body = key + "=" + value + "\n";
            int len = body.length() + 3;
            String record = len + " " + body;
            if (record.length() != len) {
                record = (len + 1) + " " + body;
            }
            return add("PaxHeaders/x", type, record.getBytes(StandardCharsets.UTF_8), null);
        }

        RawTar gnuLongName(String name) {
            return add("././@LongLink", TarHeader.GNU_LONG_NAME, (name + "\0").getBytes(StandardCharsets.UTF_8), null);
        }

        RawTar add(String name, byte type, byte[] data, String link) {
            out.writeBytes(TarHeader.header(name, type, 0644, data.length, 0, link));
            out.writeBytes(data);
            out.writeBytes(new byte[(int) TarHeader.padding(data.length)]);
            return this;
        }

        byte[] end() {
            out.writeBytes(new byte[2 * TarHeader.BLOCK]);
            return out.toByteArray();
        }
    }
}
