package dev.sentral.sip.call;

import dev.sentral.config.ConfigLoader;
import dev.sentral.config.MemberConfig;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.ManualScheduler;
import dev.sentral.routing.flow.FlowSession;
import dev.sentral.routing.hours.OpeningCalendar;
import dev.sentral.routing.hunt.Offer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sentral.sip.call.TestSdp.CALLER_OFFER;
import static dev.sentral.sip.call.TestSdp.MEMBER_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through a call flow under random keys, prompt ends (current and stale), passing time, late ACKs,
 * hang-ups and shutdown, with plans offering a member, legs answering or failing late, and plans giving up
 * (back to the flow where its element has {@code otherwise}): no event is ever unhandled, prompts never
 * overlap, every offer is reported once, an answered leg is always hung up or connected and hung up, and
 * once a call has ended nothing more happens to it, not even when its menu timers would have fired.
 */
class CallFsmFlowPropertiesTest {
    private static final String YAML = """
            numbers: [{number: '100', flow: main}, {number: '200', flow: straight}]
            huntPlans:
              - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}]}
            flow:
              main:
                type: menu
                prompt: welcome
                keys: {'1': sales, '2': sub, '3': info, '42': vm, '5': anna}
                noInputTimeoutSeconds: 2
                interDigitTimeoutSeconds: 1
                retries: 1
                otherwise: sales
              sub: {type: menu, prompt: welcome, keys: {'9': back, '1': sales, '2': last}, otherwise: vm, retries: 0}
              back: {type: link, to: main}
              info: {type: play, sound: welcome, next: main}
              sales: {type: queue, huntPlan: sales, otherwise: sub}
              anna: {type: transfer, to: {uri: 'sip:anna@127.0.0.1:5996'}, otherwise: last}
              last: {type: queue, huntPlan: sales}
              vm: {type: voicemail}
              straight: {type: queue, huntPlan: sales, otherwise: main}
            """;
    private static final Pattern PLAY = Pattern.compile("play \\S+ #(\\d+)");

    enum Kind { KEY, PROMPT_DONE, STALE_PROMPT_DONE, TIME, ACK, HANG_UP, DRAIN, SILENCE, OVERFLOW_PROMPT_DONE, OFFER,
        LEG_RINGING, LEG_ANSWERED, LEG_BUSY, ANNOUNCE, ANNOUNCED, PLAN_GIVES_UP }

    record Step(Kind kind, int n) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        // weighted so that many calls get through a menu into a plan, see members rung, and come back
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(6, Kind.KEY), Tuple.of(3, Kind.PROMPT_DONE), Tuple.of(1, Kind.STALE_PROMPT_DONE),
                Tuple.of(2, Kind.TIME), Tuple.of(1, Kind.ACK), Tuple.of(1, Kind.HANG_UP), Tuple.of(1, Kind.DRAIN),
                Tuple.of(1, Kind.SILENCE), Tuple.of(1, Kind.OVERFLOW_PROMPT_DONE), Tuple.of(3, Kind.OFFER),
                Tuple.of(2, Kind.LEG_RINGING), Tuple.of(2, Kind.LEG_ANSWERED), Tuple.of(2, Kind.LEG_BUSY),
                Tuple.of(1, Kind.ANNOUNCE), Tuple.of(1, Kind.ANNOUNCED), Tuple.of(2, Kind.PLAN_GIVES_UP));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 11)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<Boolean> flags() {
        return Arbitraries.of(true, false);
    }

    @Property(tries = 2000)
    void flowsNeverLeaveAnEventUnhandledOrActAfterTheEnd(@ForAll("scripts") List<Step> script,
                                                         @ForAll("flags") boolean lateOffer,
                                                         @ForAll("flags") boolean straightToAQueue) throws Exception {
        SentralConfig config = ConfigLoader.parse(YAML, "flow.yaml");
        ManualScheduler clock = new ManualScheduler();
        RecordingContext ctx = new RecordingContext();
        Map<String, OpeningCalendar> calendars = new HashMap<>();
        ctx.flows = actions -> new FlowSession(config, calendars, clock, "+4533333333", actions);
        // "straight": rung unanswered, like a plain number, until the plan gives up and the menu answers
        CallFsm fsm = CallFsm.forFlow(ctx, 7, straightToAQueue ? "straight" : "main");
        fsm.handle(new CallEvent.CallerInvited(lateOffer ? null : CALLER_OFFER));

        char[] keys = "115523904*#8".toCharArray(); // 1 and 5 (a queue, a transfer) more often
        Overlap overlap = new Overlap();
        overlap.scan(ctx);
        MemberConfig member = new MemberConfig("M", "sip:m@127.0.0.1:5999", java.util.Optional.empty());
        long offers = 0;
        int backToFlow = 0;
        Set<Integer> finalSent = new HashSet<>(); // legs that got a final response (nothing but 2xx again)
        Set<Integer> answeredLegs = new HashSet<>();
        for (Step s : script) {
            List<Integer> legs = legs(ctx);
            int leg = legs.isEmpty() ? -1 : legs.get(s.n() % legs.size());
            boolean routed = ctx.actions.contains("route call");
            CallEvent e = switch (s.kind()) {
                // routing offers a member only while the call waits in a plan
                case OFFER -> fsm.state() == CallState.RINGING
                        ? new CallEvent.MemberOffered(new Offer(++offers, member, Duration.ofSeconds(20))) : null;
                // a leg's responses can come in any state: late ones after the call went back to its flow
                case LEG_RINGING -> leg >= 0 && !finalSent.contains(leg) ? new CallEvent.MemberRinging(leg, 180) : null;
                case LEG_ANSWERED -> leg >= 0 && finalSent.add(leg) && answeredLegs.add(leg)
                        ? new CallEvent.MemberAnswered(leg, MEMBER_ANSWER) : null;
                case LEG_BUSY -> leg >= 0 && finalSent.add(leg) ? new CallEvent.MemberFailed(leg, 486) : null;
                // announcement timers and ends: only ever for a call that has been in a plan
                case ANNOUNCE -> routed ? new CallEvent.AnnouncementDue() : null;
                case ANNOUNCED -> routed ? new CallEvent.AnnouncementFinished() : null;
                case KEY -> new CallEvent.CallerKey(keys[s.n()]);
                case PROMPT_DONE -> lastToken(ctx) > 0 ? new CallEvent.FlowPromptFinished(lastToken(ctx)) : null;
                case STALE_PROMPT_DONE -> lastToken(ctx) > 1 ? new CallEvent.FlowPromptFinished(1 + s.n() % (lastToken(ctx) - 1)) : null;
                case OVERFLOW_PROMPT_DONE -> fsm.state() == CallState.ANNOUNCING ? new CallEvent.PromptFinished() : null;
                case ACK -> fsm.state() == CallState.RINGING ? null : new CallEvent.CallerAcked(lateOffer ? CALLER_OFFER : null);
                case HANG_UP -> fsm.state() == CallState.RINGING ? new CallEvent.CallerCancelled() : new CallEvent.CallerHungUp();
                case DRAIN -> new CallEvent.DrainTimeExpired();
                // the caller's RTP is watched once Sentral answered it (a caller still ringing has no media to lose)
                case SILENCE -> ctx.actions.contains("watch caller media") ? new CallEvent.MediaInactive() : null;
                case PLAN_GIVES_UP -> null; // below, once the step has been taken
                case TIME -> {
                    clock.advance(Duration.ofMillis(500L * (1 + s.n())));
                    yield null;
                }
            };
            if (e instanceof CallEvent.FlowPromptFinished f && f.token() == overlap.playing) {
                overlap.playing = 0; // it played to its end
            }
            if (e != null) {
                fsm.handle(e);
            }
            overlap.scan(ctx);
            if (fsm.state() == CallState.RINGING && (s.n() == 11 || s.kind() == Kind.PLAN_GIVES_UP)) {
                // the plan gives up: back to the flow when the element that sent the call there said so
                String plan = ctx.actions.stream().filter(a -> a.startsWith("plan ")).reduce((a, b) -> b).orElseThrow();
                boolean back = plan.endsWith("(else back to the flow)");
                backToFlow += back ? 1 : 0;
                fsm.handle(new CallEvent.CallOverflowed(back ? OverflowConfig.Destination.FLOW : OverflowConfig.Destination.MESSAGE));
            }
            overlap.scan(ctx);
        }
        net.jqwik.api.statistics.Statistics.label("came back to the flow").collect(backToFlow > 0);
        net.jqwik.api.statistics.Statistics.label("legs").collect(legs(ctx).size() > 1 ? "several" : legs(ctx).size());
        fsm.handle(new CallEvent.DrainTimeExpired());
        int endedAt = ctx.actions.indexOf("ended " + ctx.outcomes.get(0).kind());
        clock.advance(Duration.ofMinutes(5)); // every menu timer would have fired by now
        fsm.handle(new CallEvent.CallerKey('1'));

        assertThat(ctx.unhandled).as("unhandled events").isEmpty();
        assertThat(ctx.outcomes).as("one outcome").hasSize(1);
        assertThat(fsm.state()).isEqualTo(CallState.ENDED);
        // after the end only a leg's late 2xx is answered (ACK, then BYE: RFC 3261 §13.2.2.4)
        assertThat(ctx.actions.subList(endedAt + 1, ctx.actions.size())).as("nothing after the end: %s", ctx.actions)
                .allMatch(x -> x.startsWith("ACK leg ") || x.startsWith("BYE leg "));
        assertThat(overlap.overlaps).as("prompts started over a playing one: %s", ctx.actions).isEmpty();
        assertThat(ctx.actions.stream().filter(a -> a.startsWith("route call")).count())
                .as("routed again only after coming back to the flow: %s", ctx.actions).isLessThanOrEqualTo(1 + backToFlow);
        for (long o = 1; o <= offers; o++) {
            String prefix = "offer " + o + " ";
            assertThat(ctx.actions.stream().filter(a -> a.startsWith(prefix)).count())
                    .as("reports of offer %d to routing: %s", o, ctx.actions).isEqualTo(1);
        }
        for (int leg : answeredLegs) {
            // connected (then hung up when the call ends) or stale (ACKed and hung up at once): never left off-hook
            assertThat(ctx.actions).as("leg %d answered: %s", leg, ctx.actions).contains("ACK leg " + leg, "BYE leg " + leg);
        }
    }

    private static final Pattern INVITE = Pattern.compile("INVITE \\S+ as leg (\\d+)");

    /** The member legs invited so far, in order. */
    private static List<Integer> legs(RecordingContext ctx) {
        List<Integer> legs = new ArrayList<>();
        for (String a : ctx.actions) {
            Matcher m = INVITE.matcher(a);
            if (m.matches()) {
                legs.add(Integer.parseInt(m.group(1)));
            }
        }
        return legs;
    }

    /**
     * A new flow prompt may start only when none plays (the last one ended or was stopped first), never over
     * hold music (a call back from its plan), and only while the caller's keys are listened for.
     */
    private static final class Overlap {
        int seen;
        int playing;
        boolean music;
        boolean keys;
        final List<String> overlaps = new ArrayList<>();

        void scan(RecordingContext ctx) {
            for (; seen < ctx.actions.size(); seen++) {
                String a = ctx.actions.get(seen);
                Matcher m = PLAY.matcher(a);
                if (m.matches()) {
                    if (playing != 0) {
                        overlaps.add(a + " while #" + playing + " plays");
                    }
                    if (music) {
                        overlaps.add(a + " over hold music");
                    }
                    if (!keys) {
                        overlaps.add(a + " while no keys are listened for");
                    }
                    playing = Integer.parseInt(m.group(1));
                } else if (a.equals("stop prompt")) {
                    playing = 0;
                } else if (a.startsWith("music in PT")) {
                    music = true;
                } else if (a.equals("stop music")) {
                    music = false;
                } else if (a.startsWith("menu keys ")) {
                    keys = true;
                } else if (a.equals("no menu keys")) {
                    keys = false;
                }
            }
        }
    }

    private static int lastToken(RecordingContext ctx) {
        for (int i = ctx.actions.size() - 1; i >= 0; i--) {
            Matcher m = PLAY.matcher(ctx.actions.get(i));
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }
}
