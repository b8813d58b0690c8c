package dev.sentral.routing.hunt;

import dev.sentral.config.ConfigDefaults;
import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OfferLimit;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.QueueConfig;
import dev.sentral.routing.ManualScheduler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine under arbitrary scripts of arrivals, answers, rejections, hang-ups, log-ins/outs and time, across
 * plans of every strategy that share members. After every decision: no phone holds more offers and calls than
 * its capacity (one offer at a time for a plain member), no passive member is offered a call, a call never
 * rings more than ten at once, queued callers get their first offer in VIP-then-arrival order, and every
 * call ends with exactly one outcome and leaves nothing behind.
 */
class HuntEnginePropertiesTest {
    private static final String VIP = "+4599999999";

    enum Kind { ARRIVE, ANSWER, REJECT, LEAVE, FINISH, TOGGLE, WAIT }

    record Step(Kind kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.ARRIVE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.ANSWER)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.REJECT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.LEAVE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.FINISH)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.TOGGLE)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.WAIT)));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 99)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 1500)
    void invariantsHoldForAnyScript(@ForAll("scripts") List<Step> script) {
        new Harness().run(script);
    }

    private static MemberConfig m(int i, int level, int capacity) {
        return new MemberConfig("m" + i, "sip:m" + i + "@127.0.0.1", Optional.empty(), level, i % 7 != 0, capacity);
    }

    private static List<HuntPlanConfig> plans() {
        List<MemberConfig> twelve = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            twelve.add(m(i, 0, i == 1 ? 2 : 1));
        }
        QueueConfig small = new QueueConfig(true, 3, false);
        return List.of(
                new HuntPlanConfig("list", "list", HuntStrategy.PRIORITY_LIST, Duration.ofSeconds(20),
                        twelve.subList(0, 4), small, OfferLimit.rounds(3), OverflowConfig.DEFAULT, Set.of(VIP)),
                new HuntPlanConfig("all", "all", HuntStrategy.SIMULTANEOUS, Duration.ofSeconds(15), twelve,
                        QueueConfig.DEFAULT, OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of()),
                new HuntPlanConfig("levels", "levels", HuntStrategy.PRIORITY_LEVELS, Duration.ofSeconds(25),
                        List.of(m(3, 0, 1), m(5, 0, 1), m(7, 1, 1), m(9, 2, 1)), new QueueConfig(true, 5, true),
                        OfferLimit.time(Duration.ofMinutes(2)), OverflowConfig.DEFAULT, Set.of(VIP)),
                new HuntPlanConfig("idle", "idle", HuntStrategy.LONGEST_IDLE, Duration.ofSeconds(30),
                        List.of(twelve.get(1), twelve.get(3), twelve.get(5)), new QueueConfig(false, 10, false),
                        OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of()),
                new HuntPlanConfig("robin", "robin", HuntStrategy.ROUND_ROBIN, Duration.ofSeconds(40),
                        List.of(twelve.get(0), twelve.get(7)), small, OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of()),
                new HuntPlanConfig("solo", "solo", HuntStrategy.PRIORITY_LIST, Duration.ofSeconds(20),
                        List.of(m(10, 0, 1)), new QueueConfig(true, 6, false), OfferLimit.UNLIMITED,
                        OverflowConfig.DEFAULT, Set.of(VIP)));
    }

    private static final class Harness implements HuntListener {
        final ManualScheduler time = new ManualScheduler();
        final List<HuntPlanConfig> plans = plans();
        final HuntEngine engine = new HuntEngine(plans, time, this, n -> Optional.empty());
        final Map<String, Integer> capacity = new HashMap<>();
        /** plan id + member key → active */
        final Map<String, Boolean> active = new HashMap<>();
        final Map<Long, String> planOf = new HashMap<>();
        final Map<Long, Boolean> vipCall = new HashMap<>();
        final List<Long> arrivalOrder = new ArrayList<>();
        /** Offers sent and not yet reported: offerId → (call, member key). */
        final Map<Long, Long> offerCall = new LinkedHashMap<>();
        final Map<Long, String> offerMember = new HashMap<>();
        final Set<Long> withdrawnUnreported = new HashSet<>();
        final Set<Long> firstOffered = new HashSet<>();
        final Map<Long, Long> connected = new LinkedHashMap<>(); // call → offer that connected it
        final Map<String, Integer> inCalls = new HashMap<>();
        final Map<Long, Integer> outcomes = new HashMap<>();
        final Set<Long> routingOver = new HashSet<>();
        long nextCall;

        Harness() {
            for (HuntPlanConfig p : plans) {
                for (MemberConfig mc : p.members()) {
                    capacity.put(mc.key(), mc.maxCalls());
                    active.put(p.id() + "|" + mc.key(), mc.activeAtStart());
                }
            }
        }

        void run(List<Step> script) {
            for (Step s : script) {
                apply(s);
                settle();
            }
            // Everybody hangs up: waiting callers leave, connected calls end.
            for (long c : List.copyOf(planOf.keySet())) {
                if (!routingOver.contains(c)) {
                    leave(c);
                    settle();
                }
            }
            for (long c : List.copyOf(connected.keySet())) {
                finish(c);
            }
            settle();
            for (long c = 1; c <= nextCall; c++) {
                assertThat(outcomes.get(c)).as("outcomes of call %d", c).isEqualTo(1);
            }
            assertThat(engine.liveOffers()).isZero();
            assertThat(engine.trackedCalls()).isZero();
            assertThat(offerCall).isEmpty();
        }

        void apply(Step s) {
            switch (s.kind()) {
                case ARRIVE -> {
                    HuntPlanConfig p = plans.get(s.a() % plans.size());
                    long c = ++nextCall;
                    boolean vip = s.b() % 4 == 0;
                    planOf.put(c, p.id());
                    vipCall.put(c, vip);
                    arrivalOrder.add(c);
                    engine.callArrived(c, p.id(), vip ? VIP : "+451234" + c);
                }
                case ANSWER, REJECT -> {
                    List<Long> ringing = offerCall.keySet().stream().filter(o -> !withdrawnUnreported.contains(o)).toList();
                    if (ringing.isEmpty()) {
                        return;
                    }
                    long offer = ringing.get(s.a() % ringing.size());
                    long call = offerCall.get(offer);
                    if (s.kind() == Kind.ANSWER) {
                        String member = release(offer);
                        connected.put(call, offer);
                        inCalls.merge(member, 1, Integer::sum);
                        engine.offerAnswered(offer);
                        // the call cancels its other legs itself
                        for (long o : List.copyOf(offerCall.keySet())) {
                            if (offerCall.get(o) == call) {
                                release(o);
                                engine.offerEnded(o, OfferResult.CANCELLED);
                            }
                        }
                    } else {
                        release(offer);
                        engine.offerEnded(offer, OfferResult.values()[s.b() % 3]);
                    }
                }
                case LEAVE -> {
                    List<Long> waiting = planOf.keySet().stream().filter(c -> !routingOver.contains(c)).toList();
                    if (!waiting.isEmpty()) {
                        leave(waiting.get(s.a() % waiting.size()));
                    }
                }
                case FINISH -> {
                    if (!connected.isEmpty()) {
                        List<Long> cs = List.copyOf(connected.keySet());
                        finish(cs.get(s.a() % cs.size()));
                    }
                }
                case TOGGLE -> {
                    HuntPlanConfig p = plans.get(s.a() % plans.size());
                    MemberConfig mc = p.members().get(s.b() % p.members().size());
                    String k = p.id() + "|" + mc.key();
                    boolean now = !active.get(k);
                    active.put(k, now);
                    engine.setActive(p.id(), mc.key(), now);
                }
                case WAIT -> {
                    for (int i = 0; i <= s.a() % 45; i++) {
                        time.advanceSeconds(1);
                        settle();
                    }
                }
            }
        }

        void leave(long call) {
            engine.callerLeft(call);
            for (long o : List.copyOf(offerCall.keySet())) {
                if (offerCall.get(o) == call) {
                    release(o);
                    engine.offerEnded(o, OfferResult.CANCELLED);
                }
            }
        }

        void finish(long call) {
            long offer = connected.remove(call);
            inCalls.merge(offerMember.get(offer), -1, Integer::sum);
            engine.callFinished(call);
        }

        String release(long offer) {
            offerCall.remove(offer);
            withdrawnUnreported.remove(offer);
            return offerMember.get(offer);
        }

        void settle() {
            while (!withdrawnUnreported.isEmpty()) {
                long o = withdrawnUnreported.iterator().next();
                release(o);
                engine.offerEnded(o, OfferResult.CANCELLED);
            }
        }

        // -------------------------------------------------- the engine's decisions, checked as they come

        @Override
        public void offer(long callId, Offer offer) {
            String key = offer.member().key();
            String plan = planOf.get(callId);
            assertThat(routingOver).as("offer for a finished call").doesNotContain(callId);
            assertThat(active.get(plan + "|" + key)).as("%s offered while passive in %s", key, plan).isTrue();
            long outstanding = offerCall.keySet().stream().filter(o -> offerMember.get(o).equals(key)).count();
            assertThat(outstanding + inCalls.getOrDefault(key, 0)).as("offers + calls of %s", key)
                    .isLessThan(capacity.get(key));
            long ringingForCall = offerCall.entrySet().stream()
                    .filter(e -> e.getValue() == callId && !withdrawnUnreported.contains(e.getKey())).count();
            assertThat(ringingForCall).as("simultaneous cap").isLessThan(ConfigDefaults.MAX_PARALLEL_OFFERS);
            if (plan.equals("solo") && firstOffered.add(callId)) {
                // the only phone of "solo" goes to the head of its queue: VIPs first, then by arrival
                for (long earlier : arrivalOrder) {
                    if (earlier == callId) {
                        break;
                    }
                    boolean sameOrHigher = vipCall.get(earlier) || !vipCall.get(callId);
                    if (planOf.get(earlier).equals("solo") && sameOrHigher && !routingOver.contains(earlier)) {
                        assertThat(firstOffered).as("call %d was offered before earlier call %d", callId, earlier)
                                .contains(earlier);
                    }
                }
                for (long later : arrivalOrder) {
                    if (later > callId && planOf.get(later).equals("solo") && vipCall.get(later) && !vipCall.get(callId)
                            && !routingOver.contains(later)) {
                        assertThat(firstOffered).as("VIP call %d waits behind %d", later, callId).contains(later);
                    }
                }
            }
            offerCall.put(offer.offerId(), callId);
            offerMember.put(offer.offerId(), key);
        }

        @Override
        public void withdraw(long callId, long offerId) {
            assertThat(offerCall).containsKey(offerId);
            withdrawnUnreported.add(offerId);
        }

        @Override
        public void queued(long callId, int position, java.util.Optional<java.time.Duration> estimatedWait) {
            assertThat(position).isPositive();
        }

        @Override
        public void overflow(long callId, OverflowConfig.Destination destination) {
            assertThat(destination).isEqualTo(OverflowConfig.Destination.MESSAGE);
        }

        @Override
        public void finished(long callId, RoutingOutcome outcome) {
            outcomes.merge(callId, 1, Integer::sum);
            assertThat(outcomes.get(callId)).as("outcomes of call %d", callId).isEqualTo(1);
            routingOver.add(callId);
        }
    }
}
