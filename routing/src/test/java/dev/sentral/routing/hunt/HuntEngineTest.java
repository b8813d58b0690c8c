package dev.sentral.routing.hunt;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OfferLimit;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.OverflowConfig.Destination;
import dev.sentral.config.QueueConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.sentral.routing.hunt.HuntFixture.member;
import static dev.sentral.routing.hunt.HuntFixture.members;
import static dev.sentral.routing.hunt.HuntFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Every strategy, limits, queue and presence, in virtual time (a 20 s ring time takes no real time). */
class HuntEngineTest {
    private static final List<MemberConfig> ABC = List.of(member("Anna"), member("Bo"), member("Cai"));

    @Test
    void priorityListRingsInOrderAndMovesOnAfterTheRingTime() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, ABC));
        long c = f.call("p");
        assertThat(f.out.ringingFor(c)).containsExactly("Anna");

        f.passes(19);
        assertThat(f.out.ringingFor(c)).containsExactly("Anna");
        f.passes(1);
        assertThat(f.out.ringingFor(c)).containsExactly("Bo");

        f.ends(c, "Bo", OfferResult.BUSY); // 486: next at once, no waiting for the ring time
        assertThat(f.out.ringingFor(c)).containsExactly("Cai");
        f.answer(c, "Cai");

        assertThat(f.out.offeredTo(c)).containsExactly("Anna", "Bo", "Cai");
        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.member()).contains("Cai");
            assertThat(o.waited()).isEqualTo(Duration.ofSeconds(20));
        });
    }

    @Test
    void aPerMemberRingTimeIsHonoured() {
        MemberConfig slow = new MemberConfig("Slow", "sip:slow@127.0.0.1", Optional.of(Duration.ofSeconds(40)));
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(slow, member("Bo"))));
        long c = f.call("p");

        f.passes(39);
        assertThat(f.out.ringingFor(c)).containsExactly("Slow");
        f.passes(1);
        assertThat(f.out.ringingFor(c)).containsExactly("Bo");
    }

    @Test
    void afterARoundWithoutAnswerTheNextRoundStartsFromTheTopAfterAPause() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"), member("Bo"))));
        long c = f.call("p");
        f.passes(40); // both let it ring out

        assertThat(f.out.ringingFor(c)).isEmpty();
        f.passes(5);
        assertThat(f.out.ringingFor(c)).containsExactly("Anna");
        assertThat(f.out.offeredTo(c)).containsExactly("Anna", "Bo", "Anna");
    }

    @Test
    void aMemberWhoDeclinesAtOnceIsNotRungInALoop() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"))));
        long c = f.call("p");
        f.ends(c, "Anna", OfferResult.DECLINED);
        f.passes(4);

        assertThat(f.out.offeredTo(c)).containsExactly("Anna");
        f.passes(1);
        assertThat(f.out.offeredTo(c)).containsExactly("Anna", "Anna");
    }

    @Test
    void longestIdleRingsWhoeverHasWaitedLongestSinceTheirLastCall() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.LONGEST_IDLE, ABC));
        // Anna, Bo and Cai each take a call; Bo's ends first, then Cai's, then Anna's.
        long a = f.call("p");
        f.answer(a, "Anna");
        long b = f.call("p");
        f.answer(b, "Bo");
        long k = f.call("p");
        f.answer(k, "Cai");
        f.passes(60);
        f.callEnds(b);
        f.passes(60);
        f.callEnds(k);
        f.passes(60);
        f.callEnds(a);

        long next = f.call("p");
        assertThat(f.out.ringingFor(next)).containsExactly("Bo");
        f.passes(20);
        assertThat(f.out.ringingFor(next)).containsExactly("Cai");
        f.passes(20);
        assertThat(f.out.ringingFor(next)).containsExactly("Anna");
    }

    @Test
    void simultaneousRingsAtMostTenTheFirstTenFreeOfTheList() {
        // The product's example: 15 active members, 1 and 2 busy (in calls of another plan) → 3 to 12 ring.
        List<MemberConfig> fifteen = members(15);
        HuntFixture f = new HuntFixture(plan("all", HuntStrategy.SIMULTANEOUS, fifteen),
                plan("first-two", HuntStrategy.PRIORITY_LIST, fifteen.subList(0, 2)));
        long x = f.call("first-two");
        f.answer(x, "m1");
        long y = f.call("first-two");
        f.answer(y, "m2");

        long c = f.call("all");

        assertThat(f.out.ringingFor(c)).containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12");
        f.answer(c, "m7");
        assertThat(f.out.ringingFor(c)).isEmpty();
        assertThat(f.engine.liveOffers()).isZero();
    }

    @Test
    void aMemberFreedWhileACallRingsOthersIsAddedAtOnce() {
        List<MemberConfig> three = List.of(member("Anna"), member("Bo"), member("Cai"));
        HuntFixture f = new HuntFixture(plan("all", HuntStrategy.SIMULTANEOUS, three),
                plan("anna", HuntStrategy.PRIORITY_LIST, three.subList(0, 1)));
        long x = f.call("anna");
        f.answer(x, "Anna");
        long c = f.call("all");
        assertThat(f.out.ringingFor(c)).containsExactly("Bo", "Cai");

        f.passes(5);
        f.callEnds(x);

        assertThat(f.out.ringingFor(c)).containsExactly("Bo", "Cai", "Anna");
    }

    @Test
    void priorityLevelsCascadeAndTheEarlierLevelStops() {
        List<MemberConfig> levelled = List.of(member("A0", 0), member("B0", 0), member("C1", 1), member("D2", 2));
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LEVELS, levelled));
        long c = f.call("p");

        assertThat(f.out.ringingFor(c)).containsExactly("A0", "B0");
        f.passes(20);
        assertThat(f.out.ringingFor(c)).containsExactly("C1");
        f.passes(20);
        assertThat(f.out.ringingFor(c)).containsExactly("D2");
        f.passes(20 + 5);
        assertThat(f.out.ringingFor(c)).containsExactly("A0", "B0"); // round two
    }

    @Test
    void aLevelWithNobodyFreeIsSkipped() {
        List<MemberConfig> levelled = List.of(member("A0", 0), member("C1", 1));
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LEVELS, levelled));
        long first = f.call("p");
        f.answer(first, "A0");

        long c = f.call("p");
        assertThat(f.out.ringingFor(c)).containsExactly("C1");
    }

    @Test
    void roundRobinResumesAfterTheMemberWhoTookTheLastCall() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.ROUND_ROBIN, ABC));
        long c1 = f.call("p");
        assertThat(f.out.ringingFor(c1)).containsExactly("Anna");
        f.passes(20);
        f.answer(c1, "Bo");
        f.callEnds(c1);

        long c2 = f.call("p");
        assertThat(f.out.ringingFor(c2)).containsExactly("Cai");
        f.answer(c2, "Cai");
        f.callEnds(c2);
        long c3 = f.call("p");
        assertThat(f.out.ringingFor(c3)).containsExactly("Anna");
    }

    @Test
    void anOfferLimitInRoundsSendsTheCallToOverflow() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"), member("Bo")),
                QueueConfig.DEFAULT, OfferLimit.rounds(2), new OverflowConfig(Destination.VOICEMAIL, Optional.empty()), Set.of()));
        long c = f.call("p");
        f.passes(40 + 5 + 39);
        assertThat(f.out.overflowed).isEmpty();
        f.passes(1);

        assertThat(f.out.offeredTo(c)).containsExactly("Anna", "Bo", "Anna", "Bo");
        assertThat(f.out.overflowed).containsEntry(c, Destination.VOICEMAIL);
        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.OVERFLOWED);
            assertThat(o.waited()).isEqualTo(Duration.ofSeconds(85));
        });
    }

    @Test
    void anOfferLimitInMinutesStopsTheRingingAndOverflows() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.SIMULTANEOUS, ABC,
                QueueConfig.DEFAULT, OfferLimit.time(Duration.ofMinutes(1)), OverflowConfig.DEFAULT, Set.of()));
        long c = f.call("p");
        f.passes(59);
        assertThat(f.out.overflowed).isEmpty();
        f.passes(1);

        assertThat(f.out.overflowed).containsEntry(c, Destination.MESSAGE);
        assertThat(f.out.ringingFor(c)).isEmpty();
        assertThat(f.engine.liveOffers()).isZero();
    }

    @Test
    void theQueueHoldsItsCapacityAndVipsGoFirst() {
        HuntPlanConfig p = plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                new QueueConfig(true, 3, false), OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of("+4599999999"));
        HuntFixture f = new HuntFixture(p);
        long busy = f.call("p");
        f.answer(busy, "Anna");

        long a = f.call("p");
        long b = f.call("p");
        long vip = f.call("p", "+4599999999");
        long full = f.call("p");

        assertThat(f.out.queued).containsKeys(a, b, vip);
        assertThat(f.engine.position(vip)).isEqualTo(1);
        assertThat(f.engine.position(a)).isEqualTo(2);
        assertThat(f.out.overflowed).containsOnlyKeys(full);

        f.callEnds(busy);
        assertThat(f.out.ringingFor(vip)).containsExactly("Anna");
        f.answer(vip, "Anna");
        f.callEnds(vip);
        assertThat(f.out.ringingFor(a)).containsExactly("Anna");
        assertThat(f.out.ringingFor(b)).isEmpty();
    }

    @Test
    void aCallTheFlowMadeVipGoesAheadThoughThePlanDoesNotListIt() {
        HuntPlanConfig p = plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                QueueConfig.DEFAULT, OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of());
        HuntFixture f = new HuntFixture(p);
        long busy = f.call("p");
        f.answer(busy, "Anna");
        long a = f.call("p");
        long flowVip = f.vipCall("p", "+4522222222");
        assertThat(f.engine.position(flowVip)).isEqualTo(1);
        assertThat(f.engine.position(a)).isEqualTo(2);
        f.callEnds(busy);
        assertThat(f.out.ringingFor(flowVip)).containsExactly("Anna");
        assertThat(f.out.ringingFor(a)).isEmpty();
    }

    @Test
    void waitingCallersAreToldTheirPositionWheneverItChanges() {
        HuntPlanConfig p = plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                QueueConfig.DEFAULT, OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of("+4599999999"));
        HuntFixture f = new HuntFixture(p);
        long busy = f.call("p");
        f.answer(busy, "Anna");
        long a = f.call("p");
        long b = f.call("p");
        assertThat(f.out.queued).containsEntry(a, 1).containsEntry(b, 2);

        long vip = f.call("p", "+4599999999");
        assertThat(f.out.queued).containsEntry(vip, 1).containsEntry(a, 2).containsEntry(b, 3);

        f.callerHangsUp(a);
        assertThat(f.out.queued).containsEntry(vip, 1).containsEntry(b, 2);
        f.callEnds(busy);
        f.answer(vip, "Anna");
        assertThat(f.out.queued).containsEntry(b, 1);
    }

    @Test
    void theEstimatedWaitIsTheAverageOfRecentAnswers() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"))));
        long c1 = f.call("p");
        assertThat(f.out.estimates.get(c1)).as("nothing answered yet").isEmpty();
        f.passes(10);
        f.answer(c1, "Anna");
        long c2 = f.call("p"); // queued behind Anna's call
        f.passes(30);
        f.callEnds(c1);
        f.answer(c2, "Anna");

        long c3 = f.call("p");
        assertThat(f.out.estimates.get(c3)).contains(Duration.ofSeconds(20)); // (10 s + 30 s) / 2
    }

    @Test
    void withTheQueueOffACallThatFindsNobodyFreeOverflowsAtOnce() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                new QueueConfig(false, 10, false), OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of()));
        long first = f.call("p");
        f.answer(first, "Anna");

        long second = f.call("p");
        assertThat(f.out.overflowed).containsEntry(second, Destination.MESSAGE);
    }

    @Test
    void withEverybodyPassiveACallOverflowsUnlessThePlanQueuesAnyway() {
        MemberConfig passive = new MemberConfig("Anna", "sip:anna@127.0.0.1", Optional.empty(), 0, false, 1);
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(passive)),
                plan("q", HuntStrategy.PRIORITY_LIST, List.of(passive), new QueueConfig(true, 10, true),
                        OfferLimit.UNLIMITED, OverflowConfig.DEFAULT, Set.of()));

        long p = f.call("p");
        long q = f.call("q");
        assertThat(f.out.overflowed).containsOnlyKeys(p);
        assertThat(f.out.queued).containsKey(q);

        f.setActive("q", "Anna", true);
        assertThat(f.out.ringingFor(q)).containsExactly("Anna");
    }

    @Test
    void aMemberLoggedOutWhileRingingStopsRingingAndTheCallMovesOn() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, ABC));
        long c = f.call("p");
        f.passes(3);
        f.setActive("p", "Anna", false);

        assertThat(f.out.ringingFor(c)).containsExactly("Bo");
        f.passes(20 + 20 + 5);
        assertThat(f.out.offeredTo(c)).containsExactly("Anna", "Bo", "Cai", "Bo");
    }

    @Test
    void theLastMemberLoggingOutSendsWaitingCallsToOverflow() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"))));
        long c = f.call("p");
        f.setActive("p", "Anna", false);

        assertThat(f.out.overflowed).containsEntry(c, Destination.MESSAGE);
    }

    @Test
    void busyInOnePlanMeansBusyInAll() {
        MemberConfig anna = member("Anna");
        HuntFixture f = new HuntFixture(plan("sales", HuntStrategy.PRIORITY_LIST, List.of(anna, member("Bo"))),
                plan("support", HuntStrategy.PRIORITY_LIST, List.of(anna, member("Cai"))));
        long s = f.call("sales");
        f.answer(s, "Anna");

        long t = f.call("support");
        assertThat(f.out.ringingFor(t)).containsExactly("Cai");
    }

    @Test
    void aMemberWhoAnsweredBusyIsLeftAloneForAWhile() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(member("Anna"), member("Bo"))));
        long c1 = f.call("p");
        f.ends(c1, "Anna", OfferResult.BUSY);
        f.answer(c1, "Bo");

        f.passes(5);
        long c2 = f.call("p");
        assertThat(f.out.queued).containsKey(c2); // Anna held off, Bo in a call
        f.passes(10);
        assertThat(f.out.ringingFor(c2)).containsExactly("Anna");
    }

    @Test
    void callWaitingLetsABusyMemberBeOfferedASecondCall() {
        MemberConfig anna = new MemberConfig("Anna", "sip:anna@127.0.0.1", Optional.empty(), 0, true, 2);
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, List.of(anna)));
        long c1 = f.call("p");
        f.answer(c1, "Anna");
        long c2 = f.call("p");
        assertThat(f.out.ringingFor(c2)).containsExactly("Anna");
        long c3 = f.call("p");
        assertThat(f.out.ringingFor(c3)).isEmpty();
    }

    /** "front" (Anna, no queue) overflows to number 200, the "backup" plan (Bo); Anna is in a call. */
    private static HuntFixture frontOverflowingToBackupWithAnnaBusy() {
        HuntPlanConfig front = plan("front", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                new QueueConfig(false, 10, false), OfferLimit.UNLIMITED,
                new OverflowConfig(Destination.NUMBER, Optional.of("200")), Set.of());
        HuntPlanConfig backup = plan("backup", HuntStrategy.PRIORITY_LIST, List.of(member("Bo")));
        HuntFixture f = new HuntFixture(List.of(front, backup), Map.of("200", "backup"));
        f.answer(f.call("front"), "Anna");
        return f;
    }

    @Test
    void overflowToAnotherNumberContinuesInThatPlan() {
        HuntFixture f = frontOverflowingToBackupWithAnnaBusy();

        long c = f.call("front");
        assertThat(f.out.ringingFor(c)).containsExactly("Bo");
        f.answer(c, "Bo");
        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> {
            assertThat(o.plan()).isEqualTo("backup");
            assertThat(o.member()).contains("Bo");
        });
    }

    @Test
    void aCallFromAFlowElementWithOtherwiseGoesBackToTheFlowAndMayArriveAgain() {
        HuntFixture f = frontOverflowingToBackupWithAnnaBusy();

        long c = f.flowCall("front", 100); // Anna is busy and the queue is off
        assertThat(f.out.overflowed).containsEntry(c, Destination.FLOW);
        assertThat(f.out.ringingFor(c)).as("not the plan's own overflow to the backup plan").isEmpty();
        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.OVERFLOWED);
            assertThat(o.destination()).contains(Destination.FLOW);
        });

        long again = f.flowCall("backup", c); // the flow sent the caller on to another queue: the same call again
        assertThat(f.out.ringingFor(again)).contains("Bo");
    }

    @Test
    void overflowLoopsBetweenPlansEndWithTheMessage() {
        HuntPlanConfig a = plan("a", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                new QueueConfig(false, 10, false), OfferLimit.UNLIMITED,
                new OverflowConfig(Destination.NUMBER, Optional.of("2")), Set.of());
        HuntPlanConfig b = plan("b", HuntStrategy.PRIORITY_LIST, List.of(member("Anna")),
                new QueueConfig(false, 10, false), OfferLimit.UNLIMITED,
                new OverflowConfig(Destination.NUMBER, Optional.of("1")), Set.of());
        HuntFixture f = new HuntFixture(List.of(a, b), Map.of("1", "a", "2", "b"));
        long first = f.call("a");
        f.answer(first, "Anna");

        long c = f.call("a");
        assertThat(f.out.overflowed).containsEntry(c, Destination.MESSAGE);
        assertThat(f.out.outcomes.get(c)).hasSize(1);
    }

    @Test
    void aCallerWhoHangsUpWhileRingingIsAbandonedAndFreesTheMembers() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.SIMULTANEOUS, ABC));
        long c = f.call("p");
        f.passes(7);
        f.callerHangsUp(c);

        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ABANDONED);
            assertThat(o.waited()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(f.engine.liveOffers()).isZero();
        assertThat(f.engine.trackedCalls()).isZero();
        long next = f.call("p");
        assertThat(f.out.ringingFor(next)).containsExactly("Anna", "Bo", "Cai");
    }

    @Test
    void anAnswerCrossingTheRingTimeoutStillConnectsThatMember() {
        HuntFixture f = new HuntFixture(plan("p", HuntStrategy.PRIORITY_LIST, ABC));
        long c = f.call("p");
        long annaOffer = f.out.offerId(c, "Anna");
        f.time.advanceSeconds(20); // the engine withdraws Anna's offer and offers Bo …
        f.engine.offerAnswered(annaOffer); // … while Anna's 200 OK was already on its way
        f.settle();

        assertThat(f.out.outcomes.get(c)).singleElement().satisfies(o -> assertThat(o.member()).contains("Anna"));
        assertThat(f.engine.plan("p").orElseThrow().members().get(0).calls()).isEqualTo(1);
        assertThat(f.engine.liveOffers()).isZero();
    }
}
