package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig.Destination;
import dev.sentral.routing.hunt.Offer;
import dev.sentral.sip.call.CallEvent.CallOverflowed;
import dev.sentral.sip.call.CallEvent.CallQueued;
import dev.sentral.sip.call.CallEvent.CallerAcked;
import dev.sentral.sip.call.CallEvent.CallerCancelled;
import dev.sentral.sip.call.CallEvent.CallerHungUp;
import dev.sentral.sip.call.CallEvent.CallerInvited;
import dev.sentral.sip.call.CallEvent.CallerReinvited;
import dev.sentral.sip.call.CallEvent.DrainTimeExpired;
import dev.sentral.sip.call.CallEvent.MediaInactive;
import dev.sentral.sip.call.CallEvent.MemberAnswered;
import dev.sentral.sip.call.CallEvent.MemberFailed;
import dev.sentral.sip.call.CallEvent.MemberHungUp;
import dev.sentral.sip.call.CallEvent.MemberOffered;
import dev.sentral.sip.call.CallEvent.MemberRedirected;
import dev.sentral.sip.call.CallEvent.MemberReinvited;
import dev.sentral.sip.call.CallEvent.MemberRinging;
import dev.sentral.sip.call.CallEvent.OfferWithdrawn;
import dev.sentral.sip.call.CallEvent.PromptFinished;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.sentral.sip.call.TestSdp.CALLER_OFFER;
import static dev.sentral.sip.call.TestSdp.MEMBER_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

class CallFsmTest {
    private static final MemberConfig ANNA = new MemberConfig("Anna", "sip:anna@127.0.0.1:5071", Optional.empty());
    private static final MemberConfig BO = new MemberConfig("Bo", "sip:bo@127.0.0.1:5072", Optional.empty());
    private static final MemberConfig CAI = new MemberConfig("Cai", "sip:cai@127.0.0.1:5073", Optional.empty());

    private final RecordingContext ctx = new RecordingContext();
    private final CallFsm fsm = new CallFsm(ctx, 42);

    @AfterEach
    void noEventWasLeftUnhandled() {
        assertThat(ctx.unhandled).isEmpty();
    }

    private void offer(long id, MemberConfig member) {
        fsm.handle(new MemberOffered(new Offer(id, member, Duration.ofSeconds(20))));
    }

    @Test
    void callerHearsRingingThenIsConnectedWhenTheOfferedMemberAnswers() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "route call");

        offer(11, ANNA);
        assertThat(ctx.take()).containsExactly("INVITE Anna as leg 1");
        assertThat(ctx.lastSdp()).contains("m=audio 20002 RTP/AVP 8 0 101", "c=IN IP4 127.0.0.1");

        fsm.handle(new MemberRinging(1, 180));
        fsm.handle(new MemberRinging(1, 183));
        assertThat(ctx.take()).containsExactly("180 to caller");

        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));
        assertThat(ctx.take()).containsExactly("ACK leg 1", "offer 11 answered", "relay 127.0.0.1:6000 <-> 127.0.0.9:7000",
                "200 to caller", "keys 101");
        assertThat(ctx.lastSdp()).contains("m=audio 20000 RTP/AVP 8 101", "a=sendrecv");
        assertThat(fsm.state()).isEqualTo(CallState.CONNECTED);

        fsm.handle(new CallerHungUp());
        assertThat(ctx.take()).containsExactly("BYE leg 1", "call finished", "close media", "ended ANSWERED");
        assertThat(ctx.outcomes).containsExactly(CallOutcome.answered("Anna"));
    }

    @Test
    void aGreetingAnswersTheCallerWithOneCodecThenMusicUntilAMemberAnswers() {
        CallFsm greeter = new CallFsm(ctx, 42, true);
        greeter.handle(new CallerInvited(CALLER_OFFER.replace("RTP/AVP 8 0 101", "RTP/AVP 0 8 101")));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "caller media 127.0.0.1:6000",
                "200 to caller", "play greeting in PT 0");
        assertThat(ctx.lastSdp()).contains("m=audio 20000 RTP/AVP 0 101", "a=sendrecv");
        assertThat(greeter.state()).isEqualTo(CallState.GREETING);

        greeter.handle(new CallEvent.GreetingFinished());
        assertThat(ctx.take()).containsExactly("music in PT 0", "route call");

        greeter.handle(new CallQueued(1));
        greeter.handle(new MemberOffered(new Offer(3, ANNA, Duration.ofSeconds(20))));
        greeter.handle(new MemberRinging(1, 180));
        assertThat(ctx.take()).as("no 180 to an answered caller").containsExactly("INVITE Anna as leg 1");
        assertThat(ctx.lastSdp()).as("the member is offered the caller's codec only").contains("m=audio 20002 RTP/AVP 0 101");

        greeter.handle(new MemberAnswered(1, MEMBER_ANSWER.replace("RTP/AVP 8 101", "RTP/AVP 0 101")));
        assertThat(ctx.take()).containsExactly("ACK leg 1", "offer 3 answered", "no announcement", "stop music",
                "relay null:0 <-> 127.0.0.9:7000", "keys 101");
        assertThat(greeter.state()).isEqualTo(CallState.CONNECTED);

        greeter.handle(new CallerHungUp());
        assertThat(ctx.take()).containsExactly("BYE leg 1", "call finished", "close media", "ended ANSWERED");
    }

    @Test
    void aWaitingCallerHearsTheirPositionEvery30SecondsCountedFromTheEndOfTheLast() {
        CallFsm greeter = new CallFsm(ctx, 42, true, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();
        greeter.handle(new CallEvent.GreetingFinished());
        assertThat(ctx.take()).containsExactly("music in PT 8", "announcement in 30s", "route call");

        greeter.handle(new CallQueued(3));
        greeter.handle(new CallQueued(2, Optional.of(Duration.ofSeconds(90))));
        greeter.handle(new CallEvent.AnnouncementDue());
        assertThat(ctx.take()).containsExactly("pause music", "announce position 2, wait 90s");

        greeter.handle(new CallEvent.AnnouncementDue()); // a stale timer while announcing: no second prompt
        assertThat(ctx.take()).isEmpty();
        greeter.handle(new CallEvent.AnnouncementFinished());
        assertThat(ctx.take()).containsExactly("resume music", "announcement in 30s");
    }

    @Test
    void aMemberAnsweringMidAnnouncementStopsItAtOnce() {
        CallFsm greeter = new CallFsm(ctx, 42, true, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        greeter.handle(new CallEvent.GreetingFinished());
        greeter.handle(new CallQueued(1));
        greeter.handle(new MemberOffered(new Offer(3, ANNA, Duration.ofSeconds(20))));
        greeter.handle(new CallEvent.AnnouncementDue());
        ctx.take();

        greeter.handle(new MemberAnswered(1, MEMBER_ANSWER));
        assertThat(ctx.take()).containsSequence("no announcement", "stop announcement", "stop music");
        greeter.handle(new CallEvent.AnnouncementFinished()); // the stopped prompt's end arrives late
        assertThat(ctx.take()).isEmpty();
        assertThat(greeter.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void whenClosedTheCallerHearsTheClosedGreetingThenTheMessageAndNoPlanIsAsked() {
        CallFsm closed = new CallFsm(ctx, 42, true, true, Optional.of(Destination.MESSAGE));
        closed.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "caller media 127.0.0.1:6000",
                "200 to caller", "play greeting in PT 8");

        closed.handle(new CallEvent.GreetingFinished());
        assertThat(ctx.take()).containsExactly("no announcement", "stop music", "play message prompt in PT 8");
        closed.handle(new PromptFinished());
        assertThat(ctx.take()).containsExactly("BYE caller", "close media", "ended OVERFLOWED");
    }

    @Test
    void whenClosedWithoutAClosedGreetingTheMessageComesAtOnce() {
        CallFsm closed = new CallFsm(ctx, 42, false, true, Optional.of(Destination.VOICEMAIL));
        closed.handle(new CallerInvited(CALLER_OFFER));

        assertThat(ctx.take()).containsExactly("open media", "caller media 127.0.0.1:6000", "200 to caller",
                "play voicemail prompt in PT 8");
    }

    @Test
    void aWaitingCallerWhoseRtpStopsIsTreatedAsGone() {
        CallFsm greeter = new CallFsm(ctx, 42, true, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        assertThat(ctx.take()).contains("watch caller media");
        greeter.handle(new CallEvent.GreetingFinished());
        greeter.handle(new MemberOffered(new Offer(3, ANNA, Duration.ofSeconds(20))));
        ctx.take();

        greeter.handle(new MediaInactive());

        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 3 CANCELLED", "caller left", "no announcement",
                "stop music", "BYE caller", "close media", "ended ABANDONED");
    }

    @Test
    void aCallerWhoHangsUpDuringTheGreetingIsAbandonedWithoutRouting() {
        CallFsm greeter = new CallFsm(ctx, 42, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();

        greeter.handle(new CallerHungUp());

        assertThat(ctx.take()).containsExactly("close media", "ended ABANDONED");
    }

    @Test
    void anAnsweredCallerWhoOverflowsHearsTheMessageWithoutASecondAnswer() {
        CallFsm greeter = new CallFsm(ctx, 42, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        greeter.handle(new CallEvent.GreetingFinished());
        ctx.take();

        greeter.handle(new CallOverflowed(Destination.MESSAGE));
        assertThat(ctx.take()).containsExactly("no announcement", "stop music", "play message prompt in PT 8");
        greeter.handle(new PromptFinished());
        assertThat(ctx.take()).containsExactly("BYE caller", "close media", "ended OVERFLOWED");
    }

    @Test
    void anAnsweredWaitingCallerWhoHangsUpStopsEverything() {
        CallFsm greeter = new CallFsm(ctx, 42, true);
        greeter.handle(new CallerInvited(CALLER_OFFER));
        greeter.handle(new CallEvent.GreetingFinished());
        greeter.handle(new MemberOffered(new Offer(3, ANNA, Duration.ofSeconds(20))));
        ctx.take();

        greeter.handle(new CallerCancelled()); // a BYE on the answered dialog

        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 3 CANCELLED", "caller left", "no announcement",
                "stop music", "487 to caller", "close media", "ended ABANDONED");
    }

    @Test
    void aLateOfferGreetingStartsOnceTheAckBringsTheAnswer() {
        CallFsm greeter = new CallFsm(ctx, 42, true);
        greeter.handle(new CallerInvited(null));
        assertThat(ctx.take()).containsExactly("open media", "watch caller media", "200 to caller");

        greeter.handle(new CallerAcked(CALLER_OFFER));
        assertThat(ctx.take()).containsExactly("caller media 127.0.0.1:6000", "play greeting in PT 8");
    }

    @Test
    void aQueuedCallerHearsRinging() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();

        fsm.handle(new CallQueued(3));
        fsm.handle(new CallQueued(2));

        assertThat(ctx.take()).containsExactly("180 to caller");
    }

    @Test
    void parallelOffersRingTogetherAndTheFirstAnswerCancelsTheRest() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        offer(2, BO);
        offer(3, CAI);
        fsm.handle(new MemberRinging(1, 180));
        fsm.handle(new MemberRinging(2, 180));
        assertThat(ctx.take()).containsExactly("open media", "route call", "INVITE Anna as leg 1", "INVITE Bo as leg 2",
                "INVITE Cai as leg 3", "180 to caller");

        fsm.handle(new MemberAnswered(2, MEMBER_ANSWER));
        assertThat(ctx.take()).containsExactly("ACK leg 2", "offer 2 answered", "CANCEL leg 1", "offer 1 CANCELLED",
                "CANCEL leg 3", "offer 3 CANCELLED", "relay 127.0.0.1:6000 <-> 127.0.0.9:7000", "200 to caller", "keys 101");

        // Cai's 200 crossed the CANCEL: completed and hung up at once; Anna's 487 changes nothing.
        fsm.handle(new MemberAnswered(3, MEMBER_ANSWER));
        fsm.handle(new MemberFailed(1, 487));
        assertThat(ctx.take()).containsExactly("ACK leg 3", "BYE leg 3");
        assertThat(ctx.outcomes).isEmpty();
        assertThat(fsm.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void busyDeclinedAndFailedLegsAreReportedToRouting() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        offer(2, BO);
        offer(3, CAI);
        ctx.take();

        fsm.handle(new MemberFailed(1, 486));
        fsm.handle(new MemberFailed(2, 603));
        fsm.handle(new MemberFailed(3, 404));

        assertThat(ctx.take()).containsExactly("offer 1 BUSY", "offer 2 DECLINED", "offer 3 FAILED");
        assertThat(fsm.state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void everyPhoneOfARegisteredUserRingsAndTheOfferEndsWithTheLastOne() {
        MemberConfig dora = new MemberConfig("Dora", "sip:dora@sentral", Optional.empty(), 0, true, 1, Optional.of("dora"));
        ctx.registered.put("dora", List.of("sip:dora@127.0.0.1:5081", "sip:dora@127.0.0.1:5082"));
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(7, dora);
        assertThat(ctx.take()).containsExactly("open media", "route call", "INVITE Dora as leg 1", "INVITE Dora as leg 2");

        fsm.handle(new MemberFailed(1, 486));
        assertThat(ctx.take()).as("the other phone still rings").isEmpty();
        fsm.handle(new MemberFailed(2, 480));
        assertThat(ctx.take()).containsExactly("offer 7 BUSY");
    }

    @Test
    void aRegisteredUsersOtherPhonesStopWhenOneAnswers() {
        MemberConfig dora = new MemberConfig("Dora", "sip:dora@sentral", Optional.empty(), 0, true, 1, Optional.of("dora"));
        ctx.registered.put("dora", List.of("sip:dora@127.0.0.1:5081", "sip:dora@127.0.0.1:5082"));
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(7, dora);
        ctx.take();

        fsm.handle(new MemberAnswered(2, MEMBER_ANSWER));

        assertThat(ctx.take()).startsWith("ACK leg 2", "offer 7 answered", "CANCEL leg 1");
        assertThat(ctx.outcomes).isEmpty();
    }

    @Test
    void aUserWithNoPhoneRegisteredFailsTheOfferAtOnce() {
        MemberConfig erik = new MemberConfig("Erik", "sip:erik@sentral", Optional.empty(), 0, true, 1, Optional.of("erik"));
        fsm.handle(new CallerInvited(CALLER_OFFER));
        ctx.take();

        offer(8, erik);

        assertThat(ctx.take()).containsExactly("offer 8 FAILED");
    }

    @Test
    void aWithdrawnOfferIsCancelledAndReportedOnce() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(5, ANNA);
        fsm.handle(new MemberRinging(1, 180));
        ctx.take();

        fsm.handle(new OfferWithdrawn(5));
        fsm.handle(new MemberFailed(1, 487));
        fsm.handle(new OfferWithdrawn(5));

        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 5 CANCELLED");
    }

    @Test
    void aMemberAnsweringAfterTheWithdrawalIsAckedAndByed() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(5, ANNA);
        fsm.handle(new MemberRinging(1, 180));
        fsm.handle(new OfferWithdrawn(5));
        offer(6, BO);
        ctx.take();

        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));

        assertThat(ctx.take()).containsExactly("ACK leg 1", "BYE leg 1");
        assertThat(fsm.state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void aMemberWhoRedirectsIsRungAtTheNewContactOnceUnderTheSameOffer() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(9, ANNA);
        ctx.take();

        fsm.handle(new MemberRedirected(1, "sip:anna-mobile@127.0.0.1:5090"));
        assertThat(ctx.take()).containsExactly("INVITE Anna as leg 2");

        fsm.handle(new MemberRedirected(2, "sip:anna@127.0.0.1:5071")); // a loop: give up on Anna
        assertThat(ctx.take()).containsExactly("offer 9 FAILED");
    }

    @Test
    void callerCancellingWhileRingingCancelsEveryMember() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        offer(2, BO);
        fsm.handle(new MemberRinging(1, 180));
        ctx.take();

        fsm.handle(new CallerCancelled());

        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 1 CANCELLED", "CANCEL leg 2", "offer 2 CANCELLED",
                "caller left", "487 to caller", "close media", "ended ABANDONED");
    }

    @Test
    void aMemberAnsweringAsTheCallerHangsUpIsAckedAndByed() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        fsm.handle(new MemberRinging(1, 180));
        fsm.handle(new CallerCancelled());
        ctx.take();

        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));

        assertThat(ctx.take()).containsExactly("ACK leg 1", "BYE leg 1");
        assertThat(ctx.outcomes).hasSize(1);
    }

    @Test
    void anOfferArrivingAfterTheAnswerOrTheEndIsNeverRungButReported() {
        connect();
        offer(2, BO);
        assertThat(ctx.take()).containsExactly("offer 2 CANCELLED");

        fsm.handle(new CallerHungUp());
        ctx.take();
        offer(3, CAI);
        assertThat(ctx.take()).containsExactly("offer 3 CANCELLED");
    }

    @Test
    void overflowAnswersPlaysTheMessageAndHangsUp() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        ctx.take();

        fsm.handle(new CallOverflowed(Destination.MESSAGE));
        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 1 CANCELLED", "caller media 127.0.0.1:6000",
                "200 to caller", "play message prompt in PT 8");
        assertThat(ctx.lastSdp()).contains("m=audio 20000 RTP/AVP 8 0 101", "a=sendonly");
        assertThat(fsm.state()).isEqualTo(CallState.ANNOUNCING);

        fsm.handle(new PromptFinished());
        assertThat(ctx.take()).containsExactly("BYE caller", "close media", "ended OVERFLOWED");
    }

    @Test
    void aLateOfferOverflowPlaysOnceTheAckBringsTheAnswer() {
        fsm.handle(new CallerInvited(null));
        ctx.take();
        fsm.handle(new CallOverflowed(Destination.VOICEMAIL));
        assertThat(ctx.take()).containsExactly("200 to caller");
        assertThat(ctx.lastSdp()).contains("m=audio 20000 RTP/AVP 8 0 101");

        fsm.handle(new CallerAcked(CALLER_OFFER.replace("RTP/AVP 8 0 101", "RTP/AVP 0 101")));
        assertThat(ctx.take()).containsExactly("caller media 127.0.0.1:6000", "play voicemail prompt in PT 0");

        fsm.handle(new CallerHungUp());
        assertThat(ctx.take()).containsExactly("close media", "ended OVERFLOWED");
    }

    @Test
    void memberHangingUpEndsTheCallForTheCaller() {
        connect();

        fsm.handle(new MemberHungUp(1));

        assertThat(ctx.take()).containsExactly("BYE caller", "call finished", "close media", "ended ANSWERED");
        fsm.handle(new CallerHungUp()); // the caller's BYE crossing ours changes nothing
        assertThat(ctx.take()).isEmpty();
    }

    @Test
    void callerHoldIsAnsweredAndMirroredToTheMember() {
        connect();

        fsm.handle(new CallerReinvited(CALLER_OFFER.replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")));

        assertThat(ctx.take()).containsExactly("caller media 127.0.0.1:6000", "200 to caller re-INVITE", "re-INVITE leg 1");
        assertThat(ctx.sdps.get(ctx.sdps.size() - 2)).contains("a=recvonly", "o=sentral 42 2 ");
        assertThat(ctx.lastSdp()).contains("a=sendonly", "o=sentral 42 2 ", "m=audio 20002 RTP/AVP 8 101");
    }

    @Test
    void memberHoldIsAnsweredAndMirroredToTheCaller() {
        connect();

        fsm.handle(new MemberReinvited(1, MEMBER_ANSWER.replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n")));

        assertThat(ctx.take()).containsExactly("member media 127.0.0.9:7000", "200 to leg 1 re-INVITE", "re-INVITE caller");
        assertThat(ctx.sdps.get(ctx.sdps.size() - 2)).contains("a=inactive");
        assertThat(ctx.lastSdp()).contains("a=sendonly", "m=audio 20000");
    }

    @Test
    void aReinviteWithoutUsableCodecIsRefusedAndTheCallGoesOn() {
        connect();

        fsm.handle(new CallerReinvited(CALLER_OFFER.replace("RTP/AVP 8 0 101", "RTP/AVP 18")));

        assertThat(ctx.take()).containsExactly("488 to caller re-INVITE");
        assertThat(fsm.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void aLateOfferCallGetsSentralsOfferAndTakesTheCallersAnswerFromTheAck() {
        fsm.handle(new CallerInvited(null));
        offer(1, ANNA);
        assertThat(ctx.take()).containsExactly("open media", "route call", "INVITE Anna as leg 1");
        assertThat(ctx.lastSdp()).contains("m=audio 20002 RTP/AVP 8 0 101", "a=sendrecv");

        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));
        assertThat(ctx.take()).containsExactly("ACK leg 1", "offer 1 answered", "relay null:0 <-> 127.0.0.9:7000",
                "200 to caller", "keys 101");
        assertThat(ctx.lastSdp()).as("the offer in the 200 is the member's choice").contains("m=audio 20000 RTP/AVP 8 101");

        fsm.handle(new CallerAcked(CALLER_OFFER.replace("m=audio 6000", "m=audio 6100")));
        assertThat(ctx.take()).containsExactly("caller media 127.0.0.1:6100");

        fsm.handle(new CallerAcked(null)); // an ACK retransmission changes nothing
        assertThat(ctx.take()).isEmpty();
        assertThat(fsm.state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void aLateOfferAckWithoutAnAnswerEndsTheCall() {
        fsm.handle(new CallerInvited(null));
        offer(1, ANNA);
        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));
        ctx.take();

        fsm.handle(new CallerAcked(null));

        assertThat(ctx.take()).containsExactly("BYE caller", "BYE leg 1", "call finished", "close media", "ended REJECTED");
    }

    @Test
    void anOfferWithoutG711IsRefusedWith488() {
        fsm.handle(new CallerInvited(CALLER_OFFER.replace("RTP/AVP 8 0 101", "RTP/AVP 18 9")));

        assertThat(ctx.take()).containsExactly("488 to caller", "ended REJECTED");
    }

    @Test
    void noFreeRtpPortMeans503() {
        ctx.mediaAvailable = false;

        fsm.handle(new CallerInvited(CALLER_OFFER));

        assertThat(ctx.take()).containsExactly("open media", "503 to caller", "ended REJECTED");
    }

    @Test
    void aMemberAnswerWithNothingWeOfferedIsHungUpAndReportedFailed() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        ctx.take();

        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER.replace("RTP/AVP 8 101", "RTP/AVP 18")));

        assertThat(ctx.take()).containsExactly("ACK leg 1", "BYE leg 1", "offer 1 FAILED");
        assertThat(fsm.state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void silenceAndShutdownEndCallsOnBothSides() {
        connect();
        fsm.handle(new MediaInactive());
        assertThat(ctx.take()).containsExactly("BYE caller", "BYE leg 1", "call finished", "close media", "ended ANSWERED");

        CallFsm other = new CallFsm(ctx, 7);
        other.handle(new CallerInvited(CALLER_OFFER));
        other.handle(new MemberOffered(new Offer(4, ANNA, Duration.ofSeconds(20))));
        other.handle(new MemberRinging(1, 180));
        ctx.take();
        other.handle(new DrainTimeExpired());
        assertThat(ctx.take()).containsExactly("CANCEL leg 1", "offer 4 CANCELLED", "caller left", "503 to caller",
                "close media", "ended REJECTED");
    }

    @Test
    void everyCallEndsWithExactlyOneOutcomeWhateverArrivesLate() {
        connect();
        fsm.handle(new CallerHungUp());
        fsm.handle(new MemberHungUp(1));
        fsm.handle(new MediaInactive());
        fsm.handle(new DrainTimeExpired());
        fsm.handle(new OfferWithdrawn(1));
        fsm.handle(new CallOverflowed(Destination.MESSAGE));

        assertThat(ctx.outcomes).hasSize(1);
    }

    @Test
    void anEventThatMakesNoSenseInAStateIsReportedAsUnhandled() {
        fsm.handle(new MemberRinging(1, 180)); // before any INVITE

        assertThat(ctx.unhandled).containsExactly("IDLE MemberRinging[leg=1, status=180]");
        ctx.unhandled.clear();
    }

    private void connect() {
        fsm.handle(new CallerInvited(CALLER_OFFER));
        offer(1, ANNA);
        fsm.handle(new MemberRinging(1, 180));
        fsm.handle(new MemberAnswered(1, MEMBER_ANSWER));
        ctx.take();
    }
}
