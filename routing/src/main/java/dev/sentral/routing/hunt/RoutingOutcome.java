package dev.sentral.routing.hunt;

import dev.sentral.config.OverflowConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How routing ended for one call: exactly one per call, for statistics.
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
        OVERFLOWED
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
        return switch (kind) {
            case ANSWERED -> (caller.isEmpty() ? "" : caller + " ") + "answered by " + member.orElse("?") + " in " + plan + " after " + waited.toMillis() + " ms";
            case ABANDONED -> (caller.isEmpty() ? "" : caller + " ") + "abandoned in " + plan + " after " + waited.toMillis() + " ms";
            case OVERFLOWED -> (caller.isEmpty() ? "" : caller + " ") + "overflowed from " + plan + " to " + destination.map(OverflowConfig.Destination::configName).orElse("?")
                    + " after " + waited.toMillis() + " ms";
        };
    }
}
