package dev.sentral.routing.hunt;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.MemberConfig;

import java.util.Objects;

/**
 * One caller's walk through a hunt plan with the {@code priority-list} strategy: members are offered the
 * call one at a time in the plan's order; a busy, declining or unanswered member passes it to the next;
 * after the last member the caller is given up.
 *
 * <p>Pure and single-threaded: the call's owner feeds it outcomes and carries out its decisions.
 */
public final class HuntSession {
    private final HuntPlanConfig plan;
    private int next;
    private boolean anyNoAnswer;

    public HuntSession(HuntPlanConfig plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    public HuntPlanConfig plan() {
        return plan;
    }

    /** The first decision for a newly arrived caller. */
    public HuntDecision start() {
        next = 0;
        anyNoAnswer = false;
        return advance();
    }

    /** The member that was offered the call answered busy (486) or declined (603). */
    public HuntDecision memberBusy() {
        return advance();
    }

    /** The member did not answer within the ring time, or could not be reached. */
    public HuntDecision memberDidNotAnswer() {
        anyNoAnswer = true;
        return advance();
    }

    private HuntDecision advance() {
        if (next >= plan.members().size()) {
            return new HuntDecision.GiveUp(anyNoAnswer ? HuntDecision.GiveUpReason.NO_ANSWER
                    : HuntDecision.GiveUpReason.ALL_BUSY);
        }
        MemberConfig member = plan.members().get(next++);
        return new HuntDecision.Offer(member, plan.ringTimeoutFor(member));
    }
}
