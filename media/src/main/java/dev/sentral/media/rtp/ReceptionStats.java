package dev.sentral.media.rtp;

/**
 * What Sentral knows about the stream a far end sends, per RFC 3550: extended highest sequence number
 * (A.1), expected and lost packets and the fraction lost since the last report (A.3), and interarrival
 * jitter (A.8, in timestamp units). Fed on the endpoint's event loop; read there when a report is built.
 */
final class ReceptionStats {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private boolean started;
    private long sourceSsrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;

    /** One RTP packet: its header fields and the arrival time in nanoseconds. */
    void onPacket(int seq, long rtpTimestamp, long ssrc, long arrivalNanos) {
        if (!started || ssrc != sourceSsrc) {
            started = true;
            sourceSsrc = ssrc;
            restart(seq);
            haveTransit = false;
            jitter = 0;
        } else {
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles += 0x10000; // wrapped
                }
                maxSeq = seq;
            } else if (delta <= 0x10000 - MAX_MISORDER) {
                restart(seq); // a very large jump: the source restarted; count from this packet
            }
            // else: a late, reordered packet; counted as received below
        }
        received++;
        long arrival = arrivalNanos * 8000 / 1_000_000_000L; // in 8 kHz timestamp units
        long transit = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    boolean started() {
        return started;
    }

    long sourceSsrc() {
        return sourceSsrc;
    }

    long extendedHighestSeq() {
        return cycles + maxSeq;
    }

    long expected() {
        return extendedHighestSeq() - baseSeq + 1;
    }

    /** Cumulative lost (may be negative with duplicates; clamped to the 24-bit signed field when written). */
    long cumulativeLost() {
        return expected() - received;
    }

    long received() {
        return received;
    }

    int jitter() {
        return (int) jitter;
    }

    /** The 8-bit fraction lost since the previous call (RFC 3550 A.3); advances the interval. */
    int fractionLostSinceLastReport() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }
}
