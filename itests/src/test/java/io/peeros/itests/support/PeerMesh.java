package io.peeros.itests.support;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peers for multi-peer tests: one distribution per network namespace of a {@link TestNetwork}, started together
 * and registered with each other pairwise through the shell, as their owners would. {@link #close} stops them
 * all and removes the network.
 */
public final class PeerMesh implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\\b");
    public static final Duration BOOT = Duration.ofSeconds(120);

    private final TestNetwork network;
    private final List<PeerProcess> peers = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    private PeerMesh(TestNetwork network) {
        this.network = network;
    }

    /**
     * Starts {@code count} peers named {@code prefix-a}, {@code prefix-b}, ..., lets {@code configure} write their
     * configuration before they start, and registers every pair.
     */
    public static PeerMesh start(int count, String prefix, Consumer<PeerProcess> configure) {
        Path archive = Path.of(System.getProperty("peeros.dist.tar"));
        Path work = Path.of(System.getProperty("peeros.work"));
        PeerMesh mesh = new PeerMesh(TestNetwork.create(count));
        try {
            for (int i = 0; i < count; i++) {
                PeerProcess peer = PeerProcess.unpack(archive, work, prefix + "-" + (char) ('a' + i),
                        mesh.network.namespace(i), mesh.network.address(i), "owner-" + i + "-Secret-123");
                configure.accept(peer);
                mesh.peers.add(peer);
                peer.start();
            }
            List<CompletableFuture<String>> ready = mesh.peers.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> p.awaitReady(BOOT))).toList();
            ready.forEach(f -> mesh.ids.add(f.join()));
            for (int i = 0; i < count; i++) {
                for (int j = i + 1; j < count; j++) {
                    mesh.register(i, j);
                }
            }
            return mesh;
        } catch (RuntimeException | Error e) {
            mesh.close();
            throw e;
        }
    }

    private void register(int from, int to) {
        String registered = peers.get(from).shell("peer:register " + peers.get(to).publicUrl());
        Matcher code = CODE.matcher(registered);
        assertTrue("peer:register must show a code:\n" + registered, code.find());
        assertThat(peers.get(to).shell("peer:approve " + ids.get(from) + " " + code.group(1)),
                not(containsString("Error")));
        peers.get(from).awaitShell("peer:list -l", out -> lineOf(out, ids.get(to)).contains("APPROVED"),
                Duration.ofSeconds(30));
        peers.get(to).awaitShell("peer:list -l", out -> lineOf(out, ids.get(from)).contains("APPROVED"),
                Duration.ofSeconds(30));
    }

    public PeerProcess peer(int i) {
        return peers.get(i);
    }

    public String id(int i) {
        return ids.get(i);
    }

    public List<String> ids() {
        return List.copyOf(ids);
    }

    public int size() {
        return peers.size();
    }

    public TestNetwork network() {
        return network;
    }

    /** The line of a table that mentions {@code id}, or an empty string. */
    public static String lineOf(String table, String id) {
        return table.lines().filter(line -> line.contains(id)).findFirst().orElse("");
    }

    @Override
    public void close() {
        for (PeerProcess peer : peers) {
            try {
                peer.close();
            } catch (RuntimeException e) {
                // keep closing the rest
            }
        }
        network.close();
    }
}
