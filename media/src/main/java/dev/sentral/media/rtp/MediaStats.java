package dev.sentral.media.rtp;

import java.util.concurrent.atomic.LongAdder;

/** Engine-wide counters, readable from any thread. */
public final class MediaStats {
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder packetsRelayed = new LongAdder();
    final LongAdder packetsDropped = new LongAdder();

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long packetsRelayed() {
        return packetsRelayed.sum();
    }

    /** Packets that were not RTP (too short, wrong version) or arrived with nowhere to go. */
    public long packetsDropped() {
        return packetsDropped.sum();
    }
}
