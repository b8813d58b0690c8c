package dev.sentral.routing.hunt;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.HuntStrategy;
import dev.sentral.config.MemberConfig;
import dev.sentral.routing.hunt.HuntDecision.GiveUp;
import dev.sentral.routing.hunt.HuntDecision.GiveUpReason;
import dev.sentral.routing.hunt.HuntDecision.Offer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HuntSessionTest {
    private static final MemberConfig ANNA = new MemberConfig("Anna", "sip:anna@127.0.0.1:5071", Optional.empty());
    private static final MemberConfig BO = new MemberConfig("Bo", "sip:bo@127.0.0.1:5072", Optional.of(Duration.ofSeconds(35)));
    private static final HuntPlanConfig PLAN = new HuntPlanConfig("p", "Plan", HuntStrategy.PRIORITY_LIST,
            Duration.ofSeconds(20), List.of(ANNA, BO));

    @Test
    void membersAreOfferedInListOrderWithTheirRingTimes() {
        HuntSession hunt = new HuntSession(PLAN);

        assertThat(hunt.start()).isEqualTo(new Offer(ANNA, Duration.ofSeconds(20)));
        assertThat(hunt.memberDidNotAnswer()).isEqualTo(new Offer(BO, Duration.ofSeconds(35)));
    }

    @Test
    void whenEveryMemberIsBusyTheCallerIsToldBusy() {
        HuntSession hunt = new HuntSession(PLAN);
        hunt.start();
        hunt.memberBusy();

        assertThat(hunt.memberBusy()).isEqualTo(new GiveUp(GiveUpReason.ALL_BUSY));
    }

    @Test
    void oneUnansweredMemberMakesTheOutcomeNoAnswer() {
        HuntSession hunt = new HuntSession(PLAN);
        hunt.start();
        hunt.memberDidNotAnswer();

        assertThat(hunt.memberBusy()).isEqualTo(new GiveUp(GiveUpReason.NO_ANSWER));
    }
}
