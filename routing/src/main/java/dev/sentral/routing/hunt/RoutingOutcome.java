package dev.sentral.routing.hunt;

import dev.sentral.config.OverflowConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one call ended as far as the company is concerned: exactly one per call that reached a configured
 * number, for statistics (the event the call log and reports are built on).
 *
 * @param kind        what happened
 * @param plan        the plan the call was in when it ended (after any overflow to another number)
 * @param caller      the caller's number as it arrived (normalized; empty when withheld)
 * @param member      who answered, for {@link Kind#ANSWERED}
 * @param waited      from arrival to answer, hang-up or overflow
 * @param destination where it overflowed to, for {@link Kind#OVERFLOWED}
 */
public record RoutingOutcome(Kind kind, String plan, String caller, Optional<String> member, Duration waited,
                             Optional<OverflowConfig.Destination> destination) {
    public enum Kind {
        ANSWERED,
        /** The caller hung up while waiting or ringing. */
        ABANDONED,
        /** The call left the plans for the standard message or voicemail. */
        OVERFLOWED,
        /**
         * Refused before it reached the plan (unusable SDP, no media ports, shutting down); reported by call
         * control, not decided by the engine, so that every call has exactly one outcome.
         */
        REJECTED
    }

    public RoutingOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(destination, "destination");
    }

    @Override
    public String toString() {
        String who = caller.isEmpty() ? "" : caller + " ";
        String after = " after " + waited.toMillis() + " ms";
        return who + switch (kind) {
            case ANSWERED -> "answered by " + member.orElse("?") + " in " + plan + after;
            case ABANDONED -> "abandoned in " + plan + after;
            case OVERFLOWED -> "overflowed from " + plan + " to "
                    + destination.map(OverflowConfig.Destination::configName).orElse("the end of its call flow") + after;
            case REJECTED -> "rejected before reaching " + plan;
        };
    }
}
