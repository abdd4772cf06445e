package io.peeros.vpn.internal.dataplane;

/** Counters of one forwarder; each field is written by one loop thread and read loosely by the reporter. */
final class Stats {
    long txPackets;
    long txBatches;
    long superFrames;
    long rxPackets;
    long rxBatches;
    long rxDropped;
    long tapWrites;
    long tapDrops;

    @Override
    public String toString() {
        return "tx=" + txPackets + " txBatches=" + txBatches + " superFrames=" + superFrames + " rx=" + rxPackets
                + " rxBatches=" + rxBatches + " dropped=" + rxDropped + " tapWrites=" + tapWrites + " tapDrops=" + tapDrops;
    }
}
