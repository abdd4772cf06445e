package io.peeros.vpn.internal.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Data-plane counters of one swarm that the crypto does not keep: TAP writes and drops, frames dropped before
 * sealing (too big, no session, no path), relay decisions and TAP frames the receive thread sent. Documented in {@code docs/vpn-control.md}.
 */
final class Counters {
    final LongAdder tapWrites = new LongAdder();
    final LongAdder tapDrops = new LongAdder();
    final LongAdder framesOversize = new LongAdder();
    final LongAdder framesNoSession = new LongAdder();
    final LongAdder framesNoPath = new LongAdder();
    final LongAdder superFrames = new LongAdder();
    final LongAdder relayed = new LongAdder();
    final LongAdder relayRefused = new LongAdder();
    final LongAdder controlBad = new LongAdder();
    final LongAdder innerBad = new LongAdder();
    /** Frames the receive thread read from the TAP and sent itself, right after writing there. */
    final LongAdder tapReadsByReceiver = new LongAdder();

    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("tapWrites", tapWrites.sum());
        m.put("tapDrops", tapDrops.sum());
        m.put("framesOversize", framesOversize.sum());
        m.put("framesNoSession", framesNoSession.sum());
        m.put("framesNoPath", framesNoPath.sum());
        m.put("superFrames", superFrames.sum());
        m.put("relayed", relayed.sum());
        m.put("relayRefused", relayRefused.sum());
        m.put("controlBad", controlBad.sum());
        m.put("innerBad", innerBad.sum());
        m.put("tapReadsByReceiver", tapReadsByReceiver.sum());
        return m;
    }
}
