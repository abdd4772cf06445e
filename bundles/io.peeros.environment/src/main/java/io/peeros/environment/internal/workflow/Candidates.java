package io.peeros.environment.internal.workflow;

import io.peeros.environment.api.EnvironmentException;
import io.peeros.environment.api.peer.Capacity;
import io.peeros.environment.api.peer.EnvironmentAgent;
import io.peeros.registry.api.PeerRegistry;
import io.peeros.registry.api.PeerState;
import io.peeros.registry.api.RemotePeer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The peers a plan may use: this one and every APPROVED peer, each with its capacity or why it gave none. */
final class Candidates {

    private static final int TIMEOUT_SECONDS = 30;

    private final String self;
    private final PeerRegistry registry;
    private final Function<String, EnvironmentAgent> agents;
    private final ExecutorService executor;

    Candidates(String self, PeerRegistry registry, Function<String, EnvironmentAgent> agents,
            ExecutorService executor) {
        this.self = self;
        this.registry = registry;
        this.agents = agents;
        this.executor = executor;
    }

    /** Asks every candidate at once, at most 30 s. */
    List<Candidate> gather() {
        List<Candidate> candidates = new ArrayList<>();
        String localName;
        try {
            localName = registry.localInfo().name();
        } catch (RuntimeException e) {
            localName = "this peer";
        }
        try {
            candidates.add(new Candidate(self, localName, agents.apply(self).capacity(), null));
        } catch (RuntimeException e) {
            candidates.add(new Candidate(self, localName, null, StepFailure.describe(e)));
        }
        Map<RemotePeer, Future<Capacity>> asked = new LinkedHashMap<>();
        for (RemotePeer peer : registry.peers()) {
            if (peer.state() == PeerState.APPROVED) {
                asked.put(peer, executor.submit(() -> agents.apply(peer.id()).capacity()));
            }
        }
        asked.forEach((peer, future) -> {
            try {
                candidates.add(new Candidate(peer.id(), peer.name(), future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                        null));
            } catch (ExecutionException e) {
                candidates.add(new Candidate(peer.id(), peer.name(), null, StepFailure.describe(e.getCause())));
            } catch (TimeoutException e) {
                future.cancel(true);
                candidates.add(new Candidate(peer.id(), peer.name(), null, "no answer in " + TIMEOUT_SECONDS + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("INVALID_REQUEST", "interrupted while asking peers for capacity");
            }
        });
        return candidates;
    }
}
