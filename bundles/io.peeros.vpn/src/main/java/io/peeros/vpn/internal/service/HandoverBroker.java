package io.peeros.vpn.internal.service;

import java.time.Duration;
import java.util.Map;

/**
 * Where a deactivated swarm service leaves its running data plane for its successor, and where an activating
 * one looks for it: see {@code docs/vpn-dataplane.md}, "Live handover".
 */
interface HandoverBroker {

    /**
     * Takes the data plane a predecessor offers: it stops forwarding and its state (JDK types, holding secrets:
     * wipe after use) is returned. Null when none is offered or taking it failed (the predecessor then closed).
     */
    Map<String, Object> take();

    /** Offers {@code plane}, still forwarding, to a successor; closes it if nobody takes it within {@code timeout}. */
    void offer(DataPlane plane, Duration timeout);
}
