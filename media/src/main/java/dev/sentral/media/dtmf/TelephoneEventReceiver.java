package dev.sentral.media.dtmf;

/**
 * Turns a stream of RFC 4733 packets into key presses, each reported exactly once. All packets of one
 * event carry the same RTP timestamp (§2.5.1.2); the start packet, the updates, the end packet and its
 * retransmissions (§2.5.1.4, usually three) therefore share it. The first packet seen with a new
 * timestamp reports the key, whichever packet that is (the start may have been lost); later ones are
 * counted as duplicates. Single-threaded: one receiver per stream, fed on that stream's event loop.
 */
public final class TelephoneEventReceiver {
    /** Told once per key press. */
    public interface Listener {
        void digit(DtmfDigit digit, long rtpTimestamp);
    }

    private final Listener listener;
    private boolean seenAny;
    private long currentTimestamp;
    private long duplicates;

    public TelephoneEventReceiver(Listener listener) {
        this.listener = listener;
    }

    /** Feeds one telephone-event packet's payload with its RTP timestamp (unsigned 32-bit). */
    public void onPacket(long rtpTimestamp, byte[] payload, int offset, int length) {
        TelephoneEvent e = TelephoneEvent.parse(payload, offset, length);
        if (e == null) {
            return;
        }
        if (seenAny && rtpTimestamp == currentTimestamp) {
            duplicates++;
            return;
        }
        seenAny = true;
        currentTimestamp = rtpTimestamp;
        DtmfDigit digit = DtmfDigit.ofEventCode(e.event());
        if (digit != null) {
            listener.digit(digit, rtpTimestamp);
        }
    }

    /** Packets that belonged to an event already reported (updates, end retransmissions). */
    public long duplicates() {
        return duplicates;
    }
}
