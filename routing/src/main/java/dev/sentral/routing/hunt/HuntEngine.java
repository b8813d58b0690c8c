package dev.sentral.routing.hunt;

import dev.sentral.config.ConfigDefaults;
import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides who rings for every call in every hunt plan: member presence shared across plans (active/passive
 * per plan; busy, offered and idle-since per phone), the strategies, ring timeouts, rounds and offer limits,
 * the queue with VIPs first, and overflow.
 *
 * <p>Single writer: every method, and every task it schedules, runs on one thread (the routing owner). No
 * I/O, no clock of its own: time comes from the {@link Scheduler}, decisions go to the {@link HuntListener}.
 *
 * <p>The protocol with a call: {@link #callArrived}; then for every {@link HuntListener#offer} the call
 * reports exactly one {@link #offerAnswered} or {@link #offerEnded} (also for offers the engine withdrew,
 * once the call has stopped ringing that phone); {@link #callerLeft} if the caller hangs up before an
 * answer; {@link #callFinished} when an answered call ends.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A member is <em>available</em> to a call when active in the call's plan, its offers plus calls are
 *   below its capacity (1, 2 with call waiting), it is not held off after a 486, and it has not been offered
 *   this call in the current round.</li>
 *   <li>Sequential strategies (priority-list, longest-idle, round-robin) keep one offer out per call;
 *   parallel ones (simultaneous, priority-levels) up to {@value ConfigDefaults#MAX_PARALLEL_OFFERS}, and add a
 *   member freed while the call rings (at the call's level, for levels).</li>
 *   <li>A round ends when the call has offers behind it and nobody left to ring; the next round starts
 *   after {@link ConfigDefaults#ROUND_PAUSE} (so a member who declines at once is not re-rung in a
 *   loop). A call with nobody to ring and no round behind it waits in the queue.</li>
 *   <li>When a member becomes available, the plans' waiting calls are offered it in queue order: VIPs first,
 *   then by arrival.</li>
 * </ul>
 */
public final class HuntEngine {
    private final Scheduler scheduler;
    private final HuntListener listener;
    private final Function<String, Optional<String>> planForNumber;
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final Map<String, Member> members = new HashMap<>();
    private final Map<Long, Call> calls = new HashMap<>();
    private final Map<Long, LiveOffer> offers = new HashMap<>();
    private long nextOfferId;
    private long decisions;

    /**
     * @param planForNumber which plan id answers a number (for overflow to another number); empty when none
     */
    public HuntEngine(List<HuntPlanConfig> planConfigs, Scheduler scheduler, HuntListener listener,
                      Function<String, Optional<String>> planForNumber) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.planForNumber = Objects.requireNonNull(planForNumber, "planForNumber");
        Instant now = scheduler.now();
        for (HuntPlanConfig config : planConfigs) {
            Plan plan = new Plan(config);
            for (MemberConfig mc : config.members()) {
                Member m = members.computeIfAbsent(mc.key(), k -> new Member(mc, now));
                PlanMember pm = new PlanMember(plan, mc, m, plan.members.size(), mc.activeAtStart());
                plan.members.add(pm);
                m.inPlans.add(pm);
            }
            plan.levels = config.members().stream().mapToInt(MemberConfig::level).distinct().sorted().toArray();
            plans.put(config.id(), plan);
        }
    }

    // ------------------------------------------------------------------ inputs

    /** A caller reached a plan. {@code callerNumber} (normalized) decides VIP treatment. */
    public void callArrived(long callId, String planId, String callerNumber) {
        callArrived(callId, planId, callerNumber, false);
    }

    /**
     * As above; {@code vip} puts the call ahead of ordinary callers in every plan it enters, as if its number
     * were on the plan's VIP list (a call flow's VIP element decided so).
     */
    public void callArrived(long callId, String planId, String callerNumber, boolean vip) {
        callArrived(callId, planId, callerNumber, vip, false);
    }

    /**
     * As above; with {@code backToFlow} the call came from a call flow element that says where a caller the
     * plan cannot take goes on ({@code otherwise}): instead of the plan's own overflow (message, voicemail,
     * another number), the call is overflowed to {@link OverflowConfig.Destination#FLOW}.
     */
    public void callArrived(long callId, String planId, String callerNumber, boolean vip, boolean backToFlow) {
        Plan plan = plans.get(planId);
        if (plan == null) {
            throw new IllegalArgumentException("no hunt plan '" + planId + "'");
        }
        if (calls.containsKey(callId)) {
            throw new IllegalStateException("call " + callId + " already arrived");
        }
        Call call = new Call(callId, callerNumber, scheduler.now());
        call.flowVip = vip;
        call.backToFlow = backToFlow;
        calls.put(callId, call);
        enter(call, plan);
    }

    /** The call answered by the phone of {@code offerId}: connected; the member is in a call until {@link #callFinished}. */
    public void offerAnswered(long offerId) {
        LiveOffer offer = offers.remove(offerId);
        if (offer == null) {
            return;
        }
        Member m = offer.member.member;
        m.offers--;
        m.calls++;
        offer.cancelTimer();
        Call call = offer.call;
        call.live.remove(offerId);
        call.connectedTo = m;
        if (call.status != Status.WAITING) {
            // The answer crossed the caller's hang-up or an overflow: the member is in a call all the same,
            // until the call reports callFinished.
            call.status = Status.CONNECTED;
            calls.put(call.id, call);
            return;
        }
        call.status = Status.CONNECTED;
        offer.member.plan.lastTaker = offer.member.index;
        offer.member.plan.answered(waited(call));
        leavePlan(call);
        for (LiveOffer other : List.copyOf(call.live.values())) {
            withdraw(other);
        }
        finish(call, new RoutingOutcome(RoutingOutcome.Kind.ANSWERED, offer.member.plan.config.id(), call.callerNumber,
                Optional.of(offer.member.config.name()), waited(call), Optional.empty()));
    }

    /** The phone of {@code offerId} stopped ringing without connecting. */
    public void offerEnded(long offerId, OfferResult result) {
        LiveOffer offer = offers.remove(offerId);
        if (offer == null) {
            return;
        }
        Member m = offer.member.member;
        m.offers--;
        offer.cancelTimer();
        Call call = offer.call;
        call.live.remove(offerId);
        if (result == OfferResult.BUSY) {
            holdOff(m);
        }
        if (call.status == Status.WAITING) {
            pump(call);
        }
        memberMayBeAvailable(m);
    }

    /** The caller hung up before anybody answered. Offers still out are reported by the call as they end. */
    public void callerLeft(long callId) {
        Call call = calls.get(callId);
        if (call == null || call.status != Status.WAITING) {
            return;
        }
        leavePlan(call);
        for (LiveOffer o : List.copyOf(call.live.values())) {
            withdrawQuietly(o);
        }
        finish(call, new RoutingOutcome(RoutingOutcome.Kind.ABANDONED, call.plan.config.id(), call.callerNumber, Optional.empty(),
                waited(call), Optional.empty()));
    }

    /** An answered call ended: its member is free again (idle from now). */
    public void callFinished(long callId) {
        Call call = calls.remove(callId);
        if (call == null) {
            return;
        }
        call.status = Status.DONE;
        Member m = call.connectedTo;
        if (m != null) {
            m.calls--;
            call.connectedTo = null;
            m.idleSince = scheduler.now();
            memberMayBeAvailable(m);
        }
    }

    /**
     * Logs a member in (active) or out (passive) of one plan. A member logged out while ringing stops
     * ringing for that plan's calls; a plan left with nobody active sends its waiting calls to overflow
     * unless it queues anyway.
     *
     * @return whether the member's state changed
     */
    public boolean setActive(String planId, String memberKey, boolean active) {
        Plan plan = plans.get(planId);
        if (plan == null) {
            throw new IllegalArgumentException("no hunt plan '" + planId + "'");
        }
        PlanMember pm = plan.member(memberKey);
        if (pm == null) {
            throw new IllegalArgumentException("'" + memberKey + "' is not a member of plan '" + planId + "'");
        }
        if (pm.active == active) {
            return false;
        }
        pm.active = active;
        if (active) {
            pm.member.idleSince = scheduler.now();
            memberMayBeAvailable(pm.member);
            return true;
        }
        for (LiveOffer o : List.copyOf(offers.values())) {
            if (o.member == pm && !o.withdrawn) {
                withdraw(o);
            }
        }
        if (!plan.anyActive() && !plan.config.queue().whenNobodyActive()) {
            for (Call c : plan.waitingSnapshot()) {
                overflow(c);
            }
        } else {
            for (Call c : plan.waitingSnapshot()) {
                if (c.status == Status.WAITING) {
                    pump(c);
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ queries

    /** The call's position among its plan's waiting calls (1 = next), or 0 when it is not waiting. */
    public int position(long callId) {
        Call call = calls.get(callId);
        if (call == null || call.status != Status.WAITING) {
            return 0;
        }
        return call.plan.waiting.indexOf(call) + 1;
    }

    /** A view of one plan for the console and tests. */
    public Optional<PlanView> plan(String planId) {
        Plan plan = plans.get(planId);
        if (plan == null) {
            return Optional.empty();
        }
        List<PlanView.MemberView> ms = new ArrayList<>();
        for (PlanMember pm : plan.members) {
            Member m = pm.member;
            ms.add(new PlanView.MemberView(pm.config.name(), pm.config.uri(), pm.active, m.calls, m.offers,
                    m.idleSince, m.heldOff(scheduler.now())));
        }
        List<Long> waiting = plan.waiting.stream().map(c -> c.id).toList();
        int queued = (int) plan.waiting.stream().filter(c -> c.live.isEmpty()).count();
        return Optional.of(new PlanView(plan.config.id(), ms, waiting, queued));
    }

    /** Offers out (ringing or being cancelled) across all plans. */
    public int liveOffers() {
        return offers.size();
    }

    /** Calls the engine still tracks (waiting, ringing or connected). */
    public int trackedCalls() {
        return calls.size();
    }

    /** Decisions made so far (offers, withdrawals, queueing, overflows), for the benchmark and metrics. */
    public long decisions() {
        return decisions;
    }

    // ------------------------------------------------------------------ the core

    private void enter(Call call, Plan plan) {
        call.plan = plan;
        call.status = Status.WAITING;
        call.vip = call.flowVip || plan.config.vip().contains(call.callerNumber);
        call.tried.clear();
        call.offeredThisRound = 0;
        call.roundsDone = 0;
        call.level = plan.lowestLevel();
        plan.enqueue(call);
        positionsChanged(plan);
        plan.config.offerLimit().maxTime().ifPresent(limit ->
                call.limitTimer = scheduler.schedule(limit, () -> {
                    call.limitTimer = null;
                    if (call.status == Status.WAITING && call.plan == plan) {
                        overflow(call);
                    }
                }));
        if (!plan.anyActive() && !plan.config.queue().whenNobodyActive()) {
            overflow(call);
            return;
        }
        if (!plan.anyAvailable(call, scheduler.now())) {
            boolean room = plan.config.queue().enabled()
                    && plan.queuedExcept(call) < plan.config.queue().capacity();
            if (!room) {
                overflow(call);
                return;
            }
        }
        pump(call);
    }

    /** Rings whom the strategy allows now; otherwise ends the round, or queues the call. */
    private void pump(Call call) {
        for (int guard = 0; guard <= call.plan.levels.length + 1; guard++) {
            if (call.status != Status.WAITING || call.pauseTimer != null) {
                return;
            }
            Plan plan = call.plan;
            HuntStrategy strategy = plan.config.strategy();
            int room = strategy.parallel() ? ConfigDefaults.MAX_PARALLEL_OFFERS - call.live.size()
                    : (call.live.isEmpty() ? 1 : 0);
            if (room > 0) {
                PlanMember[] candidates = plan.candidates(call);
                Instant now = scheduler.now();
                for (int i = 0; i < plan.candidateCount; i++) {
                    PlanMember pm = candidates[i];
                    if (plan.available(pm, call, now)) {
                        offer(call, pm);
                        if (--room == 0) {
                            break;
                        }
                    }
                }
            }
            if (!call.live.isEmpty()) {
                return;
            }
            if (strategy == HuntStrategy.PRIORITY_LEVELS) {
                int next = plan.nextLevelWithAvailable(call, scheduler.now());
                if (next >= 0) {
                    call.level = next;
                    continue;
                }
            }
            if (call.offeredThisRound > 0) {
                roundOver(call);
            } else {
                call.level = plan.lowestLevel();
                waitInQueue(call);
            }
            return;
        }
    }

    private void offer(Call call, PlanMember pm) {
        long id = ++nextOfferId;
        Duration ring = call.plan.config.ringTimeoutFor(pm.config);
        LiveOffer o = new LiveOffer(id, call, pm);
        offers.put(id, o);
        call.live.put(id, o);
        call.tried.add(pm.member);
        call.offeredThisRound++;
        pm.member.offers++;
        o.ringTimer = scheduler.schedule(ring, () -> {
            o.ringTimer = null;
            if (!o.withdrawn && offers.containsKey(id)) {
                withdraw(o);
                if (call.status == Status.WAITING) {
                    pump(call);
                }
            }
        });
        decisions++;
        listener.offer(call.id, new Offer(id, pm.config, ring));
    }

    /** Tells the call to stop ringing; the member's capacity is held until the call reports the offer ended. */
    private void withdraw(LiveOffer o) {
        withdrawQuietly(o);
        decisions++;
        listener.withdraw(o.call.id, o.id);
    }

    private void withdrawQuietly(LiveOffer o) {
        o.withdrawn = true;
        o.cancelTimer();
        o.call.live.remove(o.id);
    }

    private void roundOver(Call call) {
        call.roundsDone++;
        Optional<Integer> limit = call.plan.config.offerLimit().rounds();
        if (limit.isPresent() && call.roundsDone >= limit.get()) {
            overflow(call);
            return;
        }
        if (!call.plan.config.queue().enabled() && !call.plan.anyAvailableNextRound(scheduler.now())) {
            overflow(call);
            return;
        }
        call.pauseTimer = scheduler.schedule(ConfigDefaults.ROUND_PAUSE, () -> {
            call.pauseTimer = null;
            if (call.status == Status.WAITING) {
                call.tried.clear();
                call.offeredThisRound = 0;
                call.level = call.plan.lowestLevel();
                pump(call);
            }
        });
    }

    /** Nobody to ring now: the call stays in the queue (told its position on entry), or overflows without one. */
    private void waitInQueue(Call call) {
        if (!call.plan.config.queue().enabled()) {
            overflow(call);
        }
    }

    private void overflow(Call call) {
        if (call.status != Status.WAITING) {
            return;
        }
        leavePlan(call);
        for (LiveOffer o : List.copyOf(call.live.values())) {
            withdraw(o);
        }
        OverflowConfig overflow = call.backToFlow ? OverflowConfig.BACK_TO_FLOW : call.plan.config.overflow();
        if (overflow.to() == OverflowConfig.Destination.NUMBER && call.hops < ConfigDefaults.MAX_OVERFLOW_HOPS) {
            Optional<Plan> next = overflow.number().flatMap(planForNumber).map(plans::get);
            if (next.isPresent()) {
                call.hops++;
                enter(call, next.get());
                return;
            }
        }
        OverflowConfig.Destination to = overflow.to() == OverflowConfig.Destination.NUMBER
                ? OverflowConfig.Destination.MESSAGE : overflow.to();
        decisions++;
        listener.overflow(call.id, to);
        finish(call, new RoutingOutcome(RoutingOutcome.Kind.OVERFLOWED, call.plan.config.id(), call.callerNumber, Optional.empty(),
                waited(call), Optional.of(to)));
    }

    /** Takes the call out of its plan's queue and stops its timers (offers are handled by the caller). */
    private void leavePlan(Call call) {
        call.plan.dequeue(call);
        call.lastPosition = 0;
        positionsChanged(call.plan);
        if (call.limitTimer != null) {
            call.limitTimer.cancel();
            call.limitTimer = null;
        }
        if (call.pauseTimer != null) {
            call.pauseTimer.cancel();
            call.pauseTimer = null;
        }
    }

    private void finish(Call call, RoutingOutcome outcome) {
        if (call.status == Status.WAITING) {
            call.status = Status.DONE;
            calls.remove(call.id); // its offers still out keep a reference until the call reports them
        }
        listener.finished(call.id, outcome);
    }

    /** Tells every waiting call of the plan whose position moved where it is now (for announcements). */
    private void positionsChanged(Plan plan) {
        for (int i = 0; i < plan.waiting.size(); i++) {
            Call c = plan.waiting.get(i);
            if (c.lastPosition != i + 1) {
                c.lastPosition = i + 1;
                decisions++;
                listener.queued(c.id, i + 1, plan.estimatedWait());
            }
        }
    }

    private void holdOff(Member m) {
        m.busyUntil = scheduler.now().plus(ConfigDefaults.BUSY_HOLD_OFF);
        if (m.holdOffTimer != null) {
            m.holdOffTimer.cancel();
        }
        m.holdOffTimer = scheduler.schedule(ConfigDefaults.BUSY_HOLD_OFF, () -> {
            m.holdOffTimer = null;
            m.busyUntil = null;
            memberMayBeAvailable(m);
        });
    }

    /** Offers a member who may have room now to the waiting calls of each of their plans, in queue order. */
    private void memberMayBeAvailable(Member m) {
        for (PlanMember pm : m.inPlans) {
            if (!pm.active) {
                continue;
            }
            for (Call c : pm.plan.waitingSnapshot()) {
                if (!m.hasRoom() || m.heldOff(scheduler.now())) {
                    return;
                }
                if (c.status == Status.WAITING) {
                    pump(c);
                }
            }
        }
    }

    private Duration waited(Call call) {
        return Duration.between(call.arrived, scheduler.now());
    }

    // ------------------------------------------------------------------ state

    private enum Status { WAITING, CONNECTED, DONE }

    /** A phone: shared by every plan it is a member of. */
    private static final class Member {
        final String key;
        final int capacity;
        final List<PlanMember> inPlans = new ArrayList<>(2);
        int offers;
        int calls;
        Instant idleSince;
        Instant busyUntil;
        Scheduler.Cancellable holdOffTimer;

        Member(MemberConfig config, Instant now) {
            this.key = config.key();
            this.capacity = config.maxCalls();
            this.idleSince = now;
        }

        boolean hasRoom() {
            return offers + calls < capacity;
        }

        boolean heldOff(Instant now) {
            return busyUntil != null && now.isBefore(busyUntil);
        }
    }

    /** A member as one plan sees it: the plan's config for them (ring time, level) and active/passive. */
    private static final class PlanMember {
        final Plan plan;
        final MemberConfig config;
        final Member member;
        final int index;
        boolean active;

        PlanMember(Plan plan, MemberConfig config, Member member, int index, boolean active) {
            this.plan = plan;
            this.config = config;
            this.member = member;
            this.index = index;
            this.active = active;
        }
    }

    private static final class Plan {
        final HuntPlanConfig config;
        final List<PlanMember> members = new ArrayList<>();
        /** Waiting (queued or ringing, not answered) calls in queue order: VIPs first, each class by arrival. */
        final List<Call> waiting = new ArrayList<>();
        int vipWaiting;
        int[] levels = new int[0];
        /** Round-robin: index of the member who took the last call. */
        int lastTaker = -1;
        /** How long the last answered calls waited, for the estimated-wait announcement. */
        private final long[] recentWaitsMs = new long[RECENT_ANSWERS];
        private int recentCount;
        private int recentNext;

        void answered(Duration waited) {
            recentWaitsMs[recentNext] = waited.toMillis();
            recentNext = (recentNext + 1) % RECENT_ANSWERS;
            recentCount = Math.min(recentCount + 1, RECENT_ANSWERS);
        }

        /** The average wait of the last answered calls (empty before the first answer). */
        Optional<Duration> estimatedWait() {
            if (recentCount == 0) {
                return Optional.empty();
            }
            long sum = 0;
            for (int i = 0; i < recentCount; i++) {
                sum += recentWaitsMs[i];
            }
            return Optional.of(Duration.ofMillis(sum / recentCount));
        }
        /** {@link #candidates}'s result; pump is never re-entered for one plan while it reads it. */
        private PlanMember[] scratch = new PlanMember[0];
        int candidateCount;

        Plan(HuntPlanConfig config) {
            this.config = config;
        }

        void enqueue(Call call) {
            if (call.vip) {
                waiting.add(vipWaiting++, call);
            } else {
                waiting.add(call);
            }
        }

        void dequeue(Call call) {
            int i = waiting.indexOf(call);
            if (i >= 0) {
                waiting.remove(i);
                if (i < vipWaiting) {
                    vipWaiting--;
                }
            }
        }

        /** A copy to iterate over while pumping (which may take calls out of the queue). */
        Call[] waitingSnapshot() {
            return waiting.toArray(new Call[0]);
        }

        int queuedExcept(Call call) {
            int n = 0;
            for (int i = 0; i < waiting.size(); i++) {
                Call c = waiting.get(i);
                if (c != call && c.live.isEmpty()) {
                    n++;
                }
            }
            return n;
        }

        PlanMember member(String key) {
            for (PlanMember pm : members) {
                if (pm.member.key.equals(key)) {
                    return pm;
                }
            }
            return null;
        }

        boolean anyActive() {
            for (PlanMember pm : members) {
                if (pm.active) {
                    return true;
                }
            }
            return false;
        }

        int lowestLevel() {
            return levels.length == 0 ? 0 : levels[0];
        }

        boolean available(PlanMember pm, Call call, Instant now) {
            Member m = pm.member;
            return pm.active && m.hasRoom() && !m.heldOff(now) && !call.tried.contains(m);
        }

        boolean anyAvailable(Call call, Instant now) {
            for (PlanMember pm : members) {
                if (available(pm, call, now)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a fresh round would find anybody: active, with room and not held off, tried or not. */
        boolean anyAvailableNextRound(Instant now) {
            for (PlanMember pm : members) {
                if (pm.active && pm.member.hasRoom() && !pm.member.heldOff(now)) {
                    return true;
                }
            }
            return false;
        }

        /** The lowest level above the call's current one with an available member, or -1. */
        int nextLevelWithAvailable(Call call, Instant now) {
            for (int level : levels) {
                if (level <= call.level) {
                    continue;
                }
                for (PlanMember pm : members) {
                    if (pm.config.level() == level && available(pm, call, now)) {
                        return level;
                    }
                }
            }
            return -1;
        }

        /**
         * The plan's members in the order the strategy tries them for this call, in a reused array; the first
         * {@link #candidateCount} entries are valid.
         */
        PlanMember[] candidates(Call call) {
            int n = members.size();
            if (scratch.length < n) {
                scratch = new PlanMember[n];
            }
            int count = 0;
            switch (config.strategy()) {
                case PRIORITY_LIST, SIMULTANEOUS -> {
                    for (int i = 0; i < n; i++) {
                        scratch[count++] = members.get(i);
                    }
                }
                case PRIORITY_LEVELS -> {
                    for (int i = 0; i < n; i++) {
                        PlanMember pm = members.get(i);
                        if (pm.config.level() == call.level) {
                            scratch[count++] = pm;
                        }
                    }
                }
                case LONGEST_IDLE -> {
                    for (int i = 0; i < n; i++) {
                        scratch[count++] = members.get(i);
                    }
                    Arrays.sort(scratch, 0, count, LONGEST_IDLE_FIRST);
                }
                case ROUND_ROBIN -> {
                    for (int i = 0; i < n; i++) {
                        scratch[count++] = members.get((lastTaker + 1 + i) % n);
                    }
                }
            }
            candidateCount = count;
            return scratch;
        }
    }

    /** How many recent answers the estimated wait averages over. */
    private static final int RECENT_ANSWERS = 20;

    private static final java.util.Comparator<PlanMember> LONGEST_IDLE_FIRST = (a, b) -> {
        int c = a.member.idleSince.compareTo(b.member.idleSince);
        return c != 0 ? c : Integer.compare(a.index, b.index);
    };

    private static final class Call {
        final long id;
        final String callerNumber;
        final Instant arrived;
        Plan plan;
        Status status = Status.WAITING;
        boolean vip;
        /** Made a VIP by the call flow, whatever the plan's own list says. */
        boolean flowVip;
        /** From a call flow element with {@code otherwise}: overflow goes back to the flow. */
        boolean backToFlow;
        int hops;
        final Map<Long, LiveOffer> live = new LinkedHashMap<>();
        /** Members offered this call in the current round. */
        final Set<Member> tried = new HashSet<>();
        int offeredThisRound;
        int roundsDone;
        int level;
        /** The position last told to the call (0: not waiting). */
        int lastPosition;
        Member connectedTo;
        Scheduler.Cancellable limitTimer;
        Scheduler.Cancellable pauseTimer;

        Call(long id, String callerNumber, Instant arrived) {
            this.id = id;
            this.callerNumber = callerNumber;
            this.arrived = arrived;
        }
    }

    private static final class LiveOffer {
        final long id;
        final Call call;
        final PlanMember member;
        Scheduler.Cancellable ringTimer;
        boolean withdrawn;

        LiveOffer(long id, Call call, PlanMember member) {
            this.id = id;
            this.call = call;
            this.member = member;
        }

        void cancelTimer() {
            if (ringTimer != null) {
                ringTimer.cancel();
                ringTimer = null;
            }
        }
    }
}
