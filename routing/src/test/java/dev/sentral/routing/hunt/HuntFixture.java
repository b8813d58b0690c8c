package dev.sentral.routing.hunt;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OfferLimit;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.QueueConfig;
import dev.sentral.routing.ManualScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link HuntEngine} in virtual time with the call side played the way sip-core plays it: withdrawn
 * offers are reported back as cancelled once the engine returns, and so are a call's other offers when one
 * member answers or the caller hangs up.
 */
final class HuntFixture {
    final ManualScheduler time = new ManualScheduler();
    final RecordingHuntListener out = new RecordingHuntListener();
    final HuntEngine engine;
    private final Set<Long> reported = new HashSet<>();
    private long nextCall;

    HuntFixture(List<HuntPlanConfig> plans, Map<String, String> numbers) {
        engine = new HuntEngine(plans, time, out, n -> Optional.ofNullable(numbers.get(n)));
    }

    HuntFixture(HuntPlanConfig... plans) {
        this(List.of(plans), Map.of());
    }

    static MemberConfig member(String name) {
        return member(name, 0);
    }

    static MemberConfig member(String name, int level) {
        return new MemberConfig(name, "sip:" + name.toLowerCase() + "@127.0.0.1", Optional.empty(), level, true, 1);
    }

    static List<MemberConfig> members(int n) {
        List<MemberConfig> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(member("m" + i));
        }
        return out;
    }

    static HuntPlanConfig plan(String id, HuntStrategy strategy, List<MemberConfig> members) {
        return new HuntPlanConfig(id, id, strategy, Duration.ofSeconds(20), members);
    }

    static HuntPlanConfig plan(String id, HuntStrategy strategy, List<MemberConfig> members, QueueConfig queue,
                               OfferLimit limit, OverflowConfig overflow, Set<String> vip) {
        return new HuntPlanConfig(id, id, strategy, Duration.ofSeconds(20), members, queue, limit, overflow, vip);
    }

    long call(String plan) {
        return call(plan, "+4511111111");
    }

    long call(String plan, String caller) {
        long id = ++nextCall;
        engine.callArrived(id, plan, caller);
        settle();
        return id;
    }

    /** A call a call flow's VIP element sent here, whatever the plan's own VIP list says. */
    long vipCall(String plan, String caller) {
        long id = ++nextCall;
        engine.callArrived(id, plan, caller, true);
        settle();
        return id;
    }

    /** A call from a call flow element with {@code otherwise}: what the plan cannot take goes back to the flow. */
    long flowCall(String plan, long id) {
        engine.callArrived(id, plan, "+4511111111", false, true);
        settle();
        return id;
    }

    void answer(long call, String member) {
        long offer = out.offerId(call, member);
        reported.add(offer);
        out.ringing.remove(offer);
        engine.offerAnswered(offer);
        settle();
    }

    void ends(long call, String member, OfferResult result) {
        long offer = out.offerId(call, member);
        reported.add(offer);
        out.ringing.remove(offer);
        engine.offerEnded(offer, result);
        settle();
    }

    void callerHangsUp(long call) {
        engine.callerLeft(call);
        for (long offer : out.ringing.values().stream().filter(m -> m.callId() == call)
                .map(m -> m.offer().offerId()).toList()) {
            out.ringing.remove(offer);
            reported.add(offer);
            engine.offerEnded(offer, OfferResult.CANCELLED);
        }
        settle();
    }

    void callEnds(long call) {
        engine.callFinished(call);
        settle();
    }

    /** Advances a second at a time, reporting withdrawn offers in between as a call does within milliseconds. */
    void passes(long seconds) {
        for (long i = 0; i < seconds; i++) {
            time.advanceSeconds(1);
            settle();
        }
    }

    void setActive(String plan, String member, boolean active) {
        engine.setActive(plan, "sip:" + member.toLowerCase() + "@127.0.0.1", active);
        settle();
    }

    /** Reports every offer the engine withdrew as cancelled, as a call does once it has sent CANCEL. */
    void settle() {
        boolean more = true;
        while (more) {
            more = false;
            for (long id : List.copyOf(out.withdrawn)) {
                if (reported.add(id)) {
                    engine.offerEnded(id, OfferResult.CANCELLED);
                    more = true;
                }
            }
        }
    }
}
