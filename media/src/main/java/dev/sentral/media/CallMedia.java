package dev.sentral.media;

/**
 * The media of one call as call control sees it: a leg facing the caller and a leg facing the members, each
 * an RTP/RTCP endpoint anchored on Sentral. Any thread; nothing here blocks.
 */
public interface CallMedia {
    LegMedia caller();

    LegMedia member();

    /**
     * Relays RTP between the two legs in both directions (each leg keeps sending one continuous stream), and
     * tells {@code onSilence} once, on a media thread, when neither side has sent anything for the engine's
     * inactivity timeout.
     */
    void bridge(Runnable onSilence);

    /**
     * Watches the caller's leg alone (before any bridge: Sentral answered and plays to the caller): tells
     * {@code onSilence} once, on a media thread, when the caller has sent nothing for the inactivity timeout.
     * A later {@link #bridge} replaces it.
     */
    void watchCaller(Runnable onSilence);

    /** Closes both legs and returns their ports. Idempotent. */
    void close();
}
