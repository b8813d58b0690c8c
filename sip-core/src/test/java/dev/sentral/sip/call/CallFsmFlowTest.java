package dev.sentral.sip.call;

import dev.sentral.config.ConfigLoader;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.ManualScheduler;
import dev.sentral.routing.flow.FlowSession;
import dev.sentral.routing.hours.OpeningCalendar;
import dev.sentral.sip.call.CallEvent.CallerAcked;
import dev.sentral.sip.call.CallEvent.CallerHungUp;
import dev.sentral.sip.call.CallEvent.CallerInvited;
import dev.sentral.sip.call.CallEvent.CallerKey;
import dev.sentral.sip.call.CallEvent.FlowPromptFinished;
import dev.sentral.sip.call.CallEvent.PromptFinished;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The call side of call flows: answering for the first prompt, keys, leaving for a plan, the voicemail stub. */
class CallFsmFlowTest {
    /** µ-law first: the prompts go out in payload type 0. */
    private static final String CALLER_OFFER = TestSdp.audio("caller", "127.0.0.1", 6000, "0 8 101");
    private static final String YAML = """
            numbers: [{number: '100', flow: main}, {number: '200', flow: direct}, {number: '300', flow: straight}]
            huntPlans:
              - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}]}
            flow:
              main: {type: menu, prompt: welcome, keys: {'1': sales, '2': vm, '3': anna}, otherwise: sales, noInputTimeoutSeconds: 5}
              anna: {type: transfer, to: {uri: 'sip:anna@127.0.0.1:5996'}, otherwise: main}
              direct: {type: link, to: sales}
              straight: {type: queue, huntPlan: sales, otherwise: main}
              sales: {type: queue, huntPlan: sales}
              vm: {type: voicemail, language: da}
            """;

    private final RecordingContext ctx = new RecordingContext();
    private final ManualScheduler clock = new ManualScheduler();
    private CallFsm fsm;

    @BeforeEach
    void flows() throws Exception {
        SentralConfig config = ConfigLoader.parse(YAML, "flow.yaml");
        Map<String, OpeningCalendar> calendars = new HashMap<>();
        ctx.flows = actions -> new FlowSession(config, calendars, clock, "+4533333333", actions);
    }

    @AfterEach
    void noEventWasLeftUnhandled() {
        assertThat(ctx.unhandled).isEmpty();
    }

    @Test
    void theFirstPromptAnswersWithOneCodecAndListensForKeysEveryWay() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "caller media 127.0.0.1:6000",
                "200 to caller", "menu keys 101/0", "play welcome #1");
        assertThat(ctx.lastSdp()).contains("m=audio 20000 RTP/AVP 0 101");
        assertThat(fsm.state()).isEqualTo(CallState.MENU);

        fsm.handle(new CallerKey('1')); // barge-in
        assertThat(ctx.take()).containsExactly("stop prompt", "no menu keys", "plan sales", "music in PT 0",
                "announcement in 30s", "route call");
        assertThat(fsm.state()).isEqualTo(CallState.RINGING);
        fsm.handle(new FlowPromptFinished(1)); // the stopped prompt's end, after the call moved on
        fsm.handle(new CallerKey('5')); // keys while waiting in the queue mean nothing
        assertThat(ctx.take()).isEmpty();
    }

    @Test
    void noKeyWithinTheTimeoutAsksAgain() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();
        fsm.handle(new FlowPromptFinished(1));
        clock.advanceSeconds(5);
        assertThat(ctx.take()).containsExactly("play menu-timeout #2");
        fsm.handle(new FlowPromptFinished(2));
        assertThat(ctx.take()).containsExactly("play welcome #3");
    }

    @Test
    void aTransferNobodyAnswersComesBackToTheMenu() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();
        fsm.handle(new CallerKey('3'));
        assertThat(ctx.take()).containsExactly("stop prompt", "no menu keys", "plan flow.anna (else back to the flow)",
                "music in PT 0", "announcement in 30s", "route call");
        fsm.handle(new CallEvent.MemberOffered(new dev.sentral.routing.hunt.Offer(9,
                new dev.sentral.config.MemberConfig("Anna", "sip:anna@127.0.0.1:5996", java.util.Optional.empty()),
                java.time.Duration.ofSeconds(20))));
        assertThat(ctx.take()).containsExactly("INVITE Anna as leg 1");

        fsm.handle(new CallEvent.CallOverflowed(dev.sentral.config.OverflowConfig.Destination.FLOW)); // no answer
        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 9 CANCELLED", "no announcement", "stop music",
                "menu keys 101/0", "play welcome #2");
        assertThat(fsm.state()).isEqualTo(CallState.MENU);
        fsm.handle(new CallEvent.MemberAnswered(1, TestSdp.MEMBER_ANSWER)); // Anna picked up as the CANCEL crossed
        assertThat(ctx.take()).containsExactly("ACK leg 1", "BYE leg 1");
        fsm.handle(new CallerKey('1'));
        assertThat(ctx.take()).containsExactly("stop prompt", "no menu keys", "plan sales", "music in PT 0",
                "announcement in 30s", "route call");
    }

    @Test
    void aCallerStillRingingWhenThePlanGivesUpIsAnsweredForTheMenu() {
        fsm = CallFsm.forFlow(ctx, 42, "straight");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "plan sales (else back to the flow)", "route call");
        fsm.handle(new CallEvent.MemberOffered(new dev.sentral.routing.hunt.Offer(3,
                new dev.sentral.config.MemberConfig("S", "sip:s@127.0.0.1:5999", java.util.Optional.empty()),
                java.time.Duration.ofSeconds(20))));
        fsm.handle(new CallEvent.MemberRinging(1, 180));
        assertThat(ctx.take()).containsExactly("INVITE S as leg 1", "180 to caller");

        fsm.handle(new CallEvent.CallOverflowed(dev.sentral.config.OverflowConfig.Destination.FLOW));
        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 3 CANCELLED", "watch caller media",
                "caller media 127.0.0.1:6000", "200 to caller", "menu keys 101/0", "play welcome #1");
        assertThat(fsm.state()).isEqualTo(CallState.MENU);
        fsm.handle(new CallEvent.MemberFailed(1, 487)); // the CANCEL's answer
        assertThat(ctx.take()).isEmpty();
    }

    @Test
    void aFlowThatGoesStraightToAQueueRingsLikeAPlainNumber() {
        fsm = CallFsm.forFlow(ctx, 42, "direct");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "plan sales", "route call");
        assertThat(fsm.state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void theVoicemailStubPlaysInTheElementsLanguageThenHangsUp() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();
        fsm.handle(new CallerKey('2'));
        assertThat(ctx.take()).containsExactly("stop prompt", "no menu keys", "language da", "no announcement", "stop music",
                "play voicemail prompt in PT 0");
        fsm.handle(new PromptFinished());
        assertThat(ctx.take()).containsExactly("BYE caller", "close media", "ended OVERFLOWED");
    }

    @Test
    void aCallerWhoHangsUpInTheMenuIsAbandonedAndItsTimersStop() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(CALLER_OFFER));
        fsm.handle(new FlowPromptFinished(1));
        ctx.take();
        fsm.handle(new CallerHungUp());
        assertThat(ctx.take()).containsExactly("stop prompt", "close media", "ended ABANDONED");
        clock.advanceSeconds(60);
        assertThat(ctx.take()).isEmpty();
    }

    @Test
    void aLateOfferCallHearsThePromptOnceTheAckAnswers() {
        fsm = CallFsm.forFlow(ctx, 42, "main");
        fsm.handle(new CallerInvited(null));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "200 to caller");
        fsm.handle(new CallerAcked(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("caller media 127.0.0.1:6000", "menu keys 101/0", "play welcome #1");
    }

    @Test
    void aFeatureCodeCallIsAnsweredForItsConfirmationThenHungUp() {
        fsm = CallFsm.forNotice(ctx, 42, new FlowSession.Prompt(FlowSession.Prompt.Kind.NOTICE, "logged-in", "en"));
        fsm.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "caller media 127.0.0.1:6000",
                "200 to caller", "notice logged-in");
        fsm.handle(new PromptFinished());
        assertThat(ctx.take()).containsExactly("BYE caller", "close media", "ended OVERFLOWED");
    }
}
