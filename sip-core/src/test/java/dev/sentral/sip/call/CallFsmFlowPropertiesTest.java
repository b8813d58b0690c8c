package dev.sentral.sip.call;

import dev.sentral.config.ConfigLoader;
import dev.sentral.config.OverflowConfig;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.ManualScheduler;
import dev.sentral.routing.flow.FlowSession;
import dev.sentral.routing.hours.OpeningCalendar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through a call flow under random keys, prompt ends (current and stale), passing time, late ACKs,
 * hang-ups and shutdown: no event is ever unhandled, prompts never overlap, and once a call has ended
 * nothing more happens to it, not even when its menu timers would have fired.
 */
class CallFsmFlowPropertiesTest {
    private static final String OFFER = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 6000 RTP/AVP 8 0 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";
    private static final String YAML = """
            numbers: [{number: '100', flow: main}]
            huntPlans:
              - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}]}
            flow:
              main:
                type: menu
                prompt: welcome
                keys: {'1': sales, '2': sub, '3': info, '42': vm}
                noInputTimeoutSeconds: 2
                interDigitTimeoutSeconds: 1
                retries: 1
                otherwise: sales
              sub: {type: menu, prompt: welcome, keys: {'9': back, '1': sales}, otherwise: vm, retries: 0}
              back: {type: link, to: main}
              info: {type: play, sound: welcome, next: main}
              sales: {type: queue, huntPlan: sales}
              vm: {type: voicemail}
            """;
    private static final Pattern PLAY = Pattern.compile("play \\S+ #(\\d+)");

    enum Kind { KEY, PROMPT_DONE, STALE_PROMPT_DONE, TIME, ACK, HANG_UP, DRAIN, SILENCE, OVERFLOW_PROMPT_DONE }

    record Step(Kind kind, int n) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 11)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<Boolean> flags() {
        return Arbitraries.of(true, false);
    }

    @Property(tries = 2000)
    void flowsNeverLeaveAnEventUnhandledOrActAfterTheEnd(@ForAll("scripts") List<Step> script,
                                                         @ForAll("flags") boolean lateOffer) throws Exception {
        SentralConfig config = ConfigLoader.parse(YAML, "flow.yaml");
        ManualScheduler clock = new ManualScheduler();
        RecordingContext ctx = new RecordingContext();
        Map<String, OpeningCalendar> calendars = new HashMap<>();
        ctx.flows = actions -> new FlowSession(config, calendars, clock, "+4533333333", actions);
        CallFsm fsm = CallFsm.forFlow(ctx, 7, "main");
        fsm.handle(new CallEvent.CallerInvited(lateOffer ? null : OFFER));

        char[] keys = "0123456789*#".toCharArray();
        Overlap overlap = new Overlap();
        overlap.scan(ctx);
        for (Step s : script) {
            CallEvent e = switch (s.kind()) {
                case KEY -> new CallEvent.CallerKey(keys[s.n()]);
                case PROMPT_DONE -> lastToken(ctx) > 0 ? new CallEvent.FlowPromptFinished(lastToken(ctx)) : null;
                case STALE_PROMPT_DONE -> lastToken(ctx) > 1 ? new CallEvent.FlowPromptFinished(1 + s.n() % (lastToken(ctx) - 1)) : null;
                case OVERFLOW_PROMPT_DONE -> fsm.state() == CallState.ANNOUNCING ? new CallEvent.PromptFinished() : null;
                case ACK -> fsm.state() == CallState.RINGING ? null : new CallEvent.CallerAcked(lateOffer ? OFFER : null);
                case HANG_UP -> fsm.state() == CallState.RINGING ? new CallEvent.CallerCancelled() : new CallEvent.CallerHungUp();
                case DRAIN -> new CallEvent.DrainTimeExpired();
                case SILENCE -> new CallEvent.MediaInactive();
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
            if (fsm.state() == CallState.RINGING && s.n() == 11) {
                fsm.handle(new CallEvent.CallOverflowed(OverflowConfig.Destination.MESSAGE)); // the plan gives up
            }
            overlap.scan(ctx);
        }
        fsm.handle(new CallEvent.DrainTimeExpired());
        int endedAt = ctx.actions.indexOf("ended " + ctx.outcomes.get(0).kind());
        clock.advance(Duration.ofMinutes(5)); // every menu timer would have fired by now
        fsm.handle(new CallEvent.CallerKey('1'));

        assertThat(ctx.unhandled).as("unhandled events").isEmpty();
        assertThat(ctx.outcomes).as("one outcome").hasSize(1);
        assertThat(fsm.state()).isEqualTo(CallState.ENDED);
        assertThat(ctx.actions.subList(endedAt + 1, ctx.actions.size())).as("nothing after the end: %s", ctx.actions)
                .isEmpty();
        assertThat(overlap.overlaps).as("prompts started over a playing one: %s", ctx.actions).isEmpty();
        assertThat(ctx.actions.stream().filter(a -> a.startsWith("route call")).count()).isLessThanOrEqualTo(1);
    }

    /** A new flow prompt may start only when none plays: the last one ended or was stopped first. */
    private static final class Overlap {
        int seen;
        int playing;
        final List<String> overlaps = new ArrayList<>();

        void scan(RecordingContext ctx) {
            for (; seen < ctx.actions.size(); seen++) {
                String a = ctx.actions.get(seen);
                Matcher m = PLAY.matcher(a);
                if (m.matches()) {
                    if (playing != 0) {
                        overlaps.add(a + " while #" + playing + " plays");
                    }
                    playing = Integer.parseInt(m.group(1));
                } else if (a.equals("stop prompt")) {
                    playing = 0;
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
