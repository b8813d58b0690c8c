package dev.sentral.routing.hunt;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one hunt plan: its members' presence and its waiting calls.
 *
 * @param waitingCalls call ids in queue order (VIPs first, then by arrival), ringing or not
 * @param queued       how many of them have nobody ringing for them (what the queue capacity counts)
 */
public record PlanView(String id, List<MemberView> members, List<Long> waitingCalls, int queued) {
    public PlanView {
        members = List.copyOf(members);
        waitingCalls = List.copyOf(waitingCalls);
    }

    /**
     * @param calls   calls the member's phone is in (through Sentral, any plan)
     * @param offers  calls ringing the member's phone now
     * @param heldOff answered 486 a moment ago: not offered calls for a while
     */
    public record MemberView(String name, String uri, boolean active, int calls, int offers, Instant idleSince,
                             boolean heldOff) {
    }
}
