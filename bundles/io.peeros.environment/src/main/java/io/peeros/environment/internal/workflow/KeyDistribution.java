package io.peeros.environment.internal.workflow;

import io.peeros.container.api.ExecRequest;
import io.peeros.container.api.ExecResult;
import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.PlannedContainer;
import io.peeros.environment.api.peer.ConfigureRequest;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.environment.internal.agent.GuestFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the environment key into containers and gets it back from them, through the agent's {@code exec} (the
 * peer-to-peer API has no call for secrets, and needs none: {@code exec} already reaches every container of the
 * environment, over mutual TLS, for the builder only). The builder keeps no copy on disk, so a grow reads the key
 * from a container that has it.
 */
final class KeyDistribution {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private KeyDistribution() {
    }

    /**
     * Writes {@code key} into each of {@code containers}, all hosted by {@code agent}'s peer, several at once
     * ({@link Run#bounded}); with {@code files}, the hosts table and authorized keys too, in the same command.
     */
    static void install(Run run, EnvironmentAgent agent, List<PlannedContainer> containers, EnvironmentKey key,
            ConfigureRequest files) {
        if (key == null) {
            return;
        }
        ExecRequest write = files == null
                ? GuestFiles.writeKeyPair(EnvironmentKey.PRIVATE_PATH, key.privateKey(), key.publicKey())
                : GuestFiles.configure(GuestFiles.hostsLines(files.hosts()), files.sshKeys(),
                        EnvironmentKey.PRIVATE_PATH, key.privateKey(), key.publicKey());
        run.bounded(containers, p -> {
            ExecResult r = agent.exec(run.self, run.journal().id(), p.container().name(), write);
            if (r.exitCode() != 0) {
                throw new EnvironmentException("CONFIGURE_FAILED", "could not write the environment key"
                        + (files == null ? "" : ", hosts table and authorized keys") + " in container "
                        + p.container().hostname() + " (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
        });
    }

    /**
     * The environment key as one of {@code containers} holds it: the first whose private key matches the public
     * key of the journal. Empty when the environment has none or no container answers with it.
     */
    static Optional<EnvironmentKey> read(Run run, List<PlannedContainer> containers) {
        String publicKey = run.journal().sshPublicKey();
        if (publicKey == null) {
            return Optional.empty();
        }
        ExecRequest cat = new ExecRequest(List.of("cat", EnvironmentKey.PRIVATE_PATH), Map.of(), null, null,
                READ_TIMEOUT);
        for (PlannedContainer p : containers) {
            try {
                ExecResult r = run.agent(p.container().peerId()).exec(run.self, run.journal().id(),
                        p.container().name(), cat);
                Optional<EnvironmentKey> key = r.exitCode() == 0 ? EnvironmentKey.matching(r.stdout(), publicKey)
                        : Optional.empty();
                if (key.isPresent()) {
                    return key;
                }
            } catch (RuntimeException e) {
                // that peer or container cannot answer now: another may
            }
        }
        return Optional.empty();
    }
}
