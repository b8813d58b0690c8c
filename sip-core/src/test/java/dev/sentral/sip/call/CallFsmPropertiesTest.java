package dev.sentral.sip.call;

import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.routing.hunt.Offer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sentral.sip.call.TestSdp.CALLER_OFFER;
import static dev.sentral.sip.call.TestSdp.MEMBER_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call state machine under arbitrary interleavings of what the wire and the timers can deliver: members
 * answering after a CANCEL, routing decisions racing answers, hang-ups crossing, retransmitted 2xx, late
 * failures: no unhandled event, exactly one outcome, no leg left ringing or off-hook, and every offer routing
 * made reported back to it exactly once (else a member's capacity would leak and they would never ring again).
 */
class CallFsmPropertiesTest {
    private static final Pattern LEG_ACTION = Pattern.compile("(INVITE \\w+ as leg|CANCEL leg|BYE leg|ACK leg) (\\d+)");

    enum Kind {
        OFFER, GREETING_DONE, ANNOUNCE, ANNOUNCED, RINGING, ANSWERED, BUSY, FAILED, REDIRECT, WITHDRAW, QUEUED, OVERFLOW, PROMPT_DONE, CALLER_CANCELS,
        CALLER_HANGS_UP, MEMBER_HANGS_UP, CALLER_REINVITE, MEMBER_REINVITE, CALLER_ACK, SILENCE, DRAIN
    }

    /** One stimulus; {@code leg} picks among the legs invited so far (modulo their count). */
    record Step(Kind kind, int leg) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 5))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Boolean> lateOffer() {
        return Arbitraries.of(true, false);
    }

    @Property(tries = 2000)
    void noLegIsLeftBehindAndEveryCallHasOneOutcome(@ForAll("scripts") List<Step> script,
                                                     @ForAll("lateOffer") boolean lateOffer,
                                                     @ForAll("lateOffer") boolean greets) {
        RecordingContext ctx = new RecordingContext();
        List<MemberConfig> members = List.of(
                new MemberConfig("A", "sip:a@127.0.0.1", Optional.empty()),
                new MemberConfig("B", "sip:b@127.0.0.1", Optional.empty()),
                new MemberConfig("C", "sip:c@127.0.0.1", Optional.empty()),
                // a registered user with two phones: one offer, two legs
                new MemberConfig("U", "sip:u@sentral", Optional.empty(), 0, true, 1, Optional.of("u")));
        ctx.registered.put("u", List.of("sip:u@127.0.0.1:5081", "sip:u@127.0.0.1:5082"));
        CallFsm fsm = new CallFsm(ctx, 1, greets, true);
        fsm.handle(new CallEvent.CallerInvited(lateOffer ? null : CALLER_OFFER));

        Set<Integer> invited = new HashSet<>();
        Set<Integer> acked = new HashSet<>();
        Set<Integer> settled = new HashSet<>(); // cancelled, failed, or BYEd
        Set<Integer> hungUpByMember = new HashSet<>();
        // RFC 3261 §17.1.1: after a final response nothing but 2xx retransmissions can arrive on that INVITE
        Set<Integer> failedFinal = new HashSet<>();
        Set<Integer> answered = new HashSet<>();
        long offers = 0;
        for (Step s : script) {
            collect(ctx, invited, acked, settled);
            if (s.kind() == Kind.OFFER || s.kind() == Kind.WITHDRAW || s.kind() == Kind.QUEUED
                    || s.kind() == Kind.OVERFLOW || s.kind() == Kind.PROMPT_DONE || s.kind() == Kind.GREETING_DONE
                    || s.kind() == Kind.ANNOUNCE || s.kind() == Kind.ANNOUNCED) {
                if (fsm.state() == CallState.GREETING && s.kind() != Kind.GREETING_DONE) {
                    continue; // routing has not been asked yet: no decision can arrive
                }
                CallEvent routing = switch (s.kind()) {
                    case OFFER -> new CallEvent.MemberOffered(new Offer(++offers, members.get(s.leg() % members.size()),
                            Duration.ofSeconds(20)));
                    case WITHDRAW -> offers == 0 ? null : new CallEvent.OfferWithdrawn(1 + s.leg() % offers);
                    case QUEUED -> new CallEvent.CallQueued(1 + s.leg());
                    case OVERFLOW -> new CallEvent.CallOverflowed(OverflowConfig.Destination.MESSAGE);
                    case ANNOUNCE -> new CallEvent.AnnouncementDue();
                    case ANNOUNCED -> new CallEvent.AnnouncementFinished();
                    // a greeting can only finish once it has started (after the ACK, for a late offer)
                    case GREETING_DONE -> fsm.state() == CallState.GREETING
                            && ctx.actions.stream().anyMatch(a -> a.startsWith("play greeting"))
                            ? new CallEvent.GreetingFinished() : null;
                    default -> fsm.state() == CallState.ANNOUNCING ? new CallEvent.PromptFinished() : null;
                };
                if (routing != null) {
                    fsm.handle(routing);
                }
                continue;
            }
            if (invited.isEmpty()) {
                continue;
            }
            int leg = invited.stream().sorted().toList().get(s.leg() % invited.size());
            boolean open = !failedFinal.contains(leg) && !answered.contains(leg);
            CallEvent e = switch (s.kind()) {
                case RINGING -> open ? new CallEvent.MemberRinging(leg, 180) : null;
                case ANSWERED -> !failedFinal.contains(leg) ? new CallEvent.MemberAnswered(leg, MEMBER_ANSWER) : null;
                case BUSY -> open ? new CallEvent.MemberFailed(leg, 486) : null;
                case FAILED -> open ? new CallEvent.MemberFailed(leg, 408) : null;
                case REDIRECT -> open ? new CallEvent.MemberRedirected(leg, "sip:elsewhere@127.0.0.1:5099") : null;
                case CALLER_CANCELS -> fsm.state() == CallState.RINGING ? new CallEvent.CallerCancelled() : null;
                case CALLER_HANGS_UP -> fsm.state() == CallState.RINGING ? null : new CallEvent.CallerHungUp();
                // only a member whose 2xx Sentral ACKed has a dialog to send BYE or re-INVITE on
                case MEMBER_HANGS_UP -> acked.contains(leg) ? new CallEvent.MemberHungUp(leg) : null;
                case MEMBER_REINVITE -> acked.contains(leg) && fsm.state() != CallState.RINGING
                        ? new CallEvent.MemberReinvited(leg, MEMBER_ANSWER) : null;
                case CALLER_REINVITE -> fsm.state() == CallState.RINGING ? null : new CallEvent.CallerReinvited(CALLER_OFFER);
                case CALLER_ACK -> fsm.state() == CallState.RINGING ? null : new CallEvent.CallerAcked(lateOffer ? CALLER_OFFER : null);
                default -> null;
                case SILENCE -> fsm.state() == CallState.CONNECTED ? new CallEvent.MediaInactive() : null;
                case DRAIN -> new CallEvent.DrainTimeExpired();
            };
            if (e != null) {
                if (e instanceof CallEvent.MemberFailed f) {
                    settled.add(f.leg());
                    failedFinal.add(f.leg());
                }
                if (e instanceof CallEvent.MemberRedirected r) {
                    settled.add(r.leg()); // a 3xx is a final response: that INVITE is over
                    failedFinal.add(r.leg());
                }
                if (e instanceof CallEvent.MemberAnswered a) {
                    answered.add(a.leg());
                }
                if (e instanceof CallEvent.MemberHungUp h) {
                    hungUpByMember.add(h.leg()); // the member ended that dialog: Sentral owes it no BYE
                    settled.add(h.leg());
                }
                fsm.handle(e);
            }
        }
        fsm.handle(new CallEvent.DrainTimeExpired()); // whatever is left, the server shuts down
        collect(ctx, invited, acked, settled);

        assertThat(ctx.unhandled).as("unhandled events").isEmpty();
        for (long o = 1; o <= offers; o++) {
            String prefix = "offer " + o + " ";
            assertThat(ctx.actions.stream().filter(a -> a.startsWith(prefix)).count())
                    .as("reports of offer %d to routing: %s", o, ctx.actions).isEqualTo(1);
        }
        assertThat(ctx.actions.stream().filter(a -> a.endsWith(" answered")).count()).as("answers").isLessThanOrEqualTo(1);
        assertThat(ctx.outcomes).as("outcomes").hasSize(1);
        assertThat(fsm.state()).isEqualTo(CallState.ENDED);
        for (int leg : invited) {
            assertThat(settled).as("leg %d was cancelled, failed or hung up: %s", leg, ctx.actions).contains(leg);
        }
        for (int leg : acked) {
            assertThat(ctx.actions.contains("BYE leg " + leg) || hungUpByMember.contains(leg))
                    .as("answered leg %d ends with BYE: %s", leg, ctx.actions).isTrue();
        }
    }

    /** Reads what the FSM asked of the context so far (actions stay in the list). */
    private static void collect(RecordingContext ctx, Set<Integer> invited, Set<Integer> acked, Set<Integer> settled) {
        for (String a : ctx.actions) {
            Matcher m = LEG_ACTION.matcher(a);
            if (!m.find()) {
                continue;
            }
            int leg = Integer.parseInt(m.group(2));
            switch (m.group(1)) {
                case "ACK leg" -> acked.add(leg);
                case "CANCEL leg", "BYE leg" -> settled.add(leg);
                default -> invited.add(leg);
            }
        }
    }
}
