package dev.sentral.routing.hunt;

import dev.sentral.config.OverflowConfig;

/**
 * The decisions of a {@link HuntEngine}, addressed to calls by id. Called on the engine's thread; an
 * implementation hands each decision to the call's owner and returns at once.
 */
public interface HuntListener {
    /** Ring a member. */
    void offer(long callId, Offer offer);

    /** Stop ringing that member (ring time over, the plan moved to another level, the member logged out). */
    void withdraw(long callId, long offerId);

    /**
     * The call's position in its plan's queue (1 = next; VIPs first, then by arrival), told when the call
     * enters the queue and whenever the position changes while it waits, ringing someone or not; with the
     * plan's recent average wait until an answer, when there is one.
     */
    void queued(long callId, int position, java.util.Optional<java.time.Duration> estimatedWait);

    /** The call leaves the plans: play the standard message (or the voicemail stub) and hang up. */
    void overflow(long callId, OverflowConfig.Destination destination);

    /** Routing is over for the call; exactly once per call. */
    void finished(long callId, RoutingOutcome outcome);
}
