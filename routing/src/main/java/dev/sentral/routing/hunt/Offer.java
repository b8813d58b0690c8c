package dev.sentral.routing.hunt;

import dev.sentral.config.MemberConfig;

import java.time.Duration;

/**
 * A decision to ring one member for one call. The call reports back exactly once per offer, through
 * {@link HuntEngine#offerAnswered} or {@link HuntEngine#offerEnded}; until then the member's capacity is held.
 *
 * @param offerId     unique for the engine's lifetime
 * @param member      whom to ring (the plan's view of the member: URI, ring time, level)
 * @param ringTimeout how long the engine lets it ring before it withdraws the offer
 */
public record Offer(long offerId, MemberConfig member, Duration ringTimeout) {
}
