package dev.sentral.routing.hunt;

import dev.sentral.config.MemberConfig;

import java.time.Duration;

/** What call control should do next for a caller in a hunt plan. */
public sealed interface HuntDecision {

    /** Ring {@code member} for at most {@code ringTimeout}. */
    record Offer(MemberConfig member, Duration ringTimeout) implements HuntDecision {
    }

    /** Nobody more to ring: end the call for the caller with {@code reason}. */
    record GiveUp(GiveUpReason reason) implements HuntDecision {
    }

    enum GiveUpReason {
        /** Every member that was offered the call said busy (486) or declined (603). */
        ALL_BUSY,
        /** At least one member let it ring out or could not be reached. */
        NO_ANSWER
    }
}
