package dev.sentral.media.dtmf;

import java.util.EnumMap;
import java.util.Map;

/**
 * One key press can reach Sentral up to three ways at once: as RFC 4733 events, as tones in the audio, and
 * as a SIP INFO. Each detector already reports its own way once; this reports the key once overall: a key
 * already reported by one way is ignored when another way reports it within {@link #WINDOW_NANOS}.
 * Pure and single-threaded: feed it on the call's thread (or the stream's loop) with the current time.
 */
public final class DigitMerger {
    /** Long enough to cover in-band detection lagging RFC 4733 (about 50 ms) and an INFO's signalling delay. */
    public static final long WINDOW_NANOS = 400_000_000L;

    /** How a digit arrived. */
    public enum Via { RFC4733, IN_BAND, SIP_INFO }

    /** Where detectors send what they heard; call control posts it to its own thread and into a merger. */
    public interface Sink {
        void detected(DtmfDigit digit, Via via, long nanos);
    }

    /** Told once per key press. */
    public interface Listener {
        void digit(DtmfDigit digit, Via via);
    }

    private final Listener listener;
    private final Map<DtmfDigit, Long> lastAt = new EnumMap<>(DtmfDigit.class);
    private final Map<DtmfDigit, Via> lastVia = new EnumMap<>(DtmfDigit.class);
    private long merged;

    public DigitMerger(Listener listener) {
        this.listener = listener;
    }

    public void report(DtmfDigit digit, Via via, long nowNanos) {
        Long at = lastAt.get(digit);
        if (at != null && lastVia.get(digit) != via && nowNanos - at < WINDOW_NANOS) {
            merged++;
            return; // the same press, seen another way
        }
        lastAt.put(digit, nowNanos);
        lastVia.put(digit, via);
        listener.digit(digit, via);
    }

    /** Reports that were the same press seen another way. */
    public long merged() {
        return merged;
    }
}
