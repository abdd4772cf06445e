package io.peeros.registry.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peeros.registry.api.Direction;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * registry.json: every known peer and the pending incoming requests (no secrets). Written atomically
 * (temporary file, fsync, atomic rename, mode 0600) so a kill -9 leaves either the old or the new file.
 */
final class RegistryStore {

    static final String FILE = "registry.json";
    private static final int VERSION = 1;

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    RegistryStore(Path directory) {
        this.file = directory.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** What the file holds. */
    record Contents(List<PeerRecord> peers, List<IncomingRequest> requests) {
    }

    /**
     * Reads the file; empty contents if there is none.
     *
     * @throws RegistryException {@code STATE_CORRUPT} naming the file when it cannot be read; the file is
     *     left as it is
     */
    Contents load() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        try {
            Stored stored = json.readValue(file.toFile(), Stored.class);
            if (stored.version() != VERSION) {
                throw new IllegalArgumentException("unknown format version " + stored.version());
            }
            return new Contents(stored.peers().stream().map(StoredPeer::toRecord).toList(),
                    stored.requests().stream().map(StoredRequest::toRequest).toList());
        } catch (IOException | RuntimeException e) {
            throw new RegistryException("STATE_CORRUPT", "The peer registry file " + file + " cannot be read ("
                    + e.getMessage() + "). It was left untouched: repair it, or move it away to start with no "
                    + "known peers (they will have to register again).", e);
        }
    }

    void save(Contents contents) {
        Stored stored = new Stored(VERSION, contents.peers().stream().map(StoredPeer::of).toList(),
                contents.requests().stream().map(StoredRequest::of).toList());
        try {
            Files.createDirectories(file.getParent(), ownerOnly("rwx------"));
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, ownerOnly("rw-------"));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json.writeValueAsBytes(stored)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new RegistryException("STATE_WRITE_FAILED", "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can fsync a directory; the rename itself is still atomic.
        }
    }

    private FileAttribute<?>[] ownerOnly(String mode) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    record Stored(int version, List<StoredPeer> peers, List<StoredRequest> requests) {
        Stored {
            peers = peers == null ? List.of() : peers;
            requests = requests == null ? List.of() : requests;
        }
    }

    record StoredPeer(String id, String name, String publicUrl, String peerUrl, PeerState state,
            Direction direction, String certificate, String since, String lastSeen) {

        static StoredPeer of(PeerRecord p) {
            return new StoredPeer(p.id(), p.name(), str(p.publicUrl()), str(p.peerUrl()), p.state(),
                    p.direction(), Certificates.toPem(p.certificate()), p.since().toString(),
                    p.lastSeen() == null ? null : p.lastSeen().toString());
        }

        PeerRecord toRecord() {
            return new PeerRecord(required(id, "id"), name, uri(publicUrl), uri(peerUrl), required(state, "state"),
                    required(direction, "direction"), Certificates.fromPem(certificate),
                    Instant.parse(required(since, "since")), lastSeen == null ? null : Instant.parse(lastSeen));
        }
    }

    record StoredRequest(String peerId, String name, String publicUrl, String peerUrl, String certificate,
            String ownCertificate, String nonceA, String nonceB, String received, String expires, int triesLeft) {

        static StoredRequest of(IncomingRequest r) {
            return new StoredRequest(r.peerId(), r.name(), str(r.publicUrl()), str(r.peerUrl()),
                    Certificates.toPem(r.certificate()), Certificates.toPem(r.ownCertificate()),
                    HandshakeCrypto.encode(r.nonceA()), HandshakeCrypto.encode(r.nonceB()), r.received().toString(),
                    r.expires().toString(), r.triesLeft());
        }

        IncomingRequest toRequest() {
            return new IncomingRequest(required(peerId, "peerId"), name, uri(publicUrl), uri(peerUrl),
                    Certificates.fromPem(certificate), Certificates.fromPem(ownCertificate),
                    HandshakeCrypto.decode(nonceA), HandshakeCrypto.decode(nonceB),
                    Instant.parse(required(received, "received")), Instant.parse(required(expires, "expires")),
                    triesLeft);
        }
    }

    private static String str(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }
}
