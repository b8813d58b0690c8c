package dev.sentral.routing.flow;

import dev.sentral.config.ConfigLoader;
import dev.sentral.config.SentralConfig;
import dev.sentral.routing.ManualScheduler;
import dev.sentral.routing.hours.OpeningCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Menu navigation in virtual time: what the caller hears and where the call goes. */
class FlowSessionTest {
    static final String YAML = """
            numbers: [{number: '100', flow: start}]
            sounds:
              prompts: []
            huntPlans:
              - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}]}
              - {id: support, members: [{uri: 'sip:t@127.0.0.1:5998'}]}
              - {id: reception, members: [{uri: 'sip:r@127.0.0.1:5997'}]}
            openingHours:
              - id: office
                week: {wednesday: ["08:00-16:00"]}
                whenClosed: {to: message}
            flow:
              start: {type: vip, numbers: ['+4520304050'], vip: reception-q, other: hours}
              hours: {type: check-hours, openingHours: office, open: main, closed: closed}
              closed: {type: play, sound: welcome}
              main:
                type: menu
                prompt: welcome
                keys: {'1': sales-q, '2': support-menu, '0': reception-q, '42': info}
                noInputTimeoutSeconds: 5
                interDigitTimeoutSeconds: 2
                retries: 2
                otherwise: reception-q
              support-menu:
                type: menu
                prompt: welcome
                keys: {'1': support-q, '2': support-first, '9': back}
                otherwise: vm
              back: {type: link, to: main}
              info: {type: play, sound: welcome, next: main}
              sales-q: {type: queue, huntPlan: sales}
              support-q: {type: queue, huntPlan: support}
              support-first: {type: queue, huntPlan: support, otherwise: support-full}
              support-full:
                type: menu
                prompt: welcome
                keys: {'1': vm, '2': call-anna}
                otherwise: vm
              call-anna: {type: transfer, to: {uri: 'sip:anna@127.0.0.1:5996'}, otherwise: main}
              reception-q: {type: queue, huntPlan: reception}
              vm: {type: voicemail}
            """;

    ManualScheduler clock;
    SentralConfig config;
    final List<String> heard = new ArrayList<>();
    int lastToken;
    FlowSession session;

    @BeforeEach
    void setUp() throws Exception {
        clock = new ManualScheduler(); // Wednesday 2026-11-25 10:00 in Copenhagen: open
        config = ConfigLoader.parse(YAML, "flow.yaml");
    }

    private void call(String caller) {
        Map<String, OpeningCalendar> calendars = new HashMap<>();
        config.openingHours().forEach(h -> calendars.put(h.id(), new OpeningCalendar(h)));
        session = new FlowSession(config, calendars, clock, caller, new FlowSession.Actions() {
            @Override
            public void play(FlowSession.Prompt prompt, int token) {
                heard.add("play " + prompt.id() + (prompt.kind() == FlowSession.Prompt.Kind.NOTICE ? " (notice)" : ""));
                lastToken = token;
            }

            @Override
            public void stopPrompt() {
                heard.add("stop");
            }

            @Override
            public void queue(String huntPlan, boolean vip, boolean backToFlow) {
                heard.add("queue " + huntPlan + (vip ? " as VIP" : "") + (backToFlow ? " (else back to the flow)" : ""));
            }

            @Override
            public void voicemail(String language) {
                heard.add("voicemail");
            }

            @Override
            public void hangUp() {
                heard.add("hang up");
            }
        });
        session.start("start");
    }

    /** The prompt playing now plays to its end. */
    private void promptEnds() {
        session.promptFinished(lastToken);
    }

    @Test
    void aKeyAfterThePromptChoosesItsBranch() {
        call("+4533333333");
        assertThat(heard).containsExactly("play welcome");
        promptEnds();
        clock.advanceSeconds(3);
        session.key('1');
        assertThat(heard).containsExactly("play welcome", "queue sales");
        assertThat(session.visited()).containsExactly("start", "hours", "main", "sales-q");
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aKeyDuringThePromptStopsItAtOnce() {
        call("+4533333333");
        session.key('2');
        assertThat(heard).containsExactly("play welcome", "stop", "play welcome");
        promptEnds(); // the support menu's prompt
        session.key('1');
        assertThat(heard).endsWith("queue support");
    }

    @Test
    void theStoppedPromptsLateEndIsIgnored() {
        call("+4533333333");
        int first = lastToken;
        session.key('4'); // could become 42: waits for the next key
        session.promptFinished(first); // the stopped prompt's end arrives after the stop
        clock.advanceSeconds(1);
        session.key('2');
        assertThat(heard).containsExactly("play welcome", "stop", "play welcome");
        assertThat(session.visited()).endsWith("info");
    }

    @Test
    void keysTypedAheadAnswerTheNextMenuWithoutItsPrompt() {
        call("+4533333333");
        session.key('2'); // main → support menu
        session.key('1'); // pressed while the support prompt plays: barge-in there too
        assertThat(heard).containsExactly("play welcome", "stop", "play welcome", "stop", "queue support");
    }

    @Test
    void keysPressedDuringAPlayElementAreKeptForTheMenuAfterIt() {
        call("+4533333333");
        session.key('4');
        session.key('2'); // → info (a play element; keys do not stop it)
        session.key('2');
        session.key('1');
        assertThat(heard).containsExactly("play welcome", "stop", "play welcome");
        promptEnds(); // info played out → main, which finds 2 then 1 waiting
        assertThat(heard).containsExactly("play welcome", "stop", "play welcome", "queue support");
        assertThat(session.visited()).containsExactly("start", "hours", "main", "info", "main", "support-menu", "support-q");
    }

    @Test
    void noInputRepromptsAfterTheTimeoutThenTakesTheDefaultBranch() {
        call("+4533333333");
        promptEnds();
        clock.advanceSeconds(4);
        assertThat(heard).containsExactly("play welcome");
        clock.advanceSeconds(1);
        assertThat(heard).containsExactly("play welcome", "play menu-timeout (notice)");
        promptEnds();
        assertThat(heard).endsWith("play welcome");
        promptEnds();
        clock.advanceSeconds(5); // second silence: the last retry
        promptEnds();
        promptEnds();
        clock.advanceSeconds(5); // third: retries (2) used up
        assertThat(heard).containsExactly("play welcome", "play menu-timeout (notice)", "play welcome",
                "play menu-timeout (notice)", "play welcome", "queue reception");
    }

    @Test
    void anInvalidKeyIsNamedAndTheMenuAsksAgain() {
        call("+4533333333");
        promptEnds();
        session.key('7');
        assertThat(heard).containsExactly("play welcome", "play menu-invalid (notice)");
        session.key('1'); // during the notice: stops it and counts as the new attempt
        assertThat(heard).containsExactly("play welcome", "play menu-invalid (notice)", "stop", "queue sales");
    }

    @Test
    void aPrefixWaitsForTheInterDigitTimeoutThenIsInvalid() {
        call("+4533333333");
        promptEnds();
        session.key('4');
        clock.advanceSeconds(1);
        assertThat(heard).containsExactly("play welcome");
        clock.advanceSeconds(1);
        assertThat(heard).containsExactly("play welcome", "play menu-invalid (notice)");
    }

    @Test
    void aLinkGoesBackToTheMainMenu() {
        call("+4533333333");
        session.key('2');
        session.key('9');
        assertThat(session.visited()).containsExactly("start", "hours", "main", "support-menu", "back", "main");
        assertThat(heard).endsWith("play welcome");
    }

    @Test
    void aQueueOrTransferThatCannotTakeTheCallGoesOnAtItsOtherwise() {
        call("+4533333333");
        session.key('2');
        session.key('2');
        assertThat(heard).endsWith("queue support (else back to the flow)");
        session.key('5'); // pressed while waiting with music: not kept for the menu that follows
        session.overflowed(); // the support plan could not take the call
        assertThat(heard).endsWith("play welcome");
        assertThat(session.isDone()).isFalse();
        session.key('2');
        assertThat(heard).endsWith("queue flow.call-anna (else back to the flow)");
        session.overflowed(); // Anna did not answer
        session.key('1');
        assertThat(session.visited()).containsExactly("start", "hours", "main", "support-menu", "support-first", "support-full",
                "call-anna", "main", "sales-q");
        assertThat(heard).endsWith("play welcome", "stop", "queue sales");
    }

    @Test
    void aQueueWithoutOtherwiseNeverComesBack() {
        call("+4533333333");
        session.key('1');
        assertThat(heard).endsWith("queue sales");
        org.assertj.core.api.Assertions.assertThatThrownBy(session::overflowed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCallerWhoWalksTheMenusForLongKeepsABoundedTrail() {
        call("+4533333333");
        for (int round = 0; round < 40; round++) {
            session.key('2');
            session.key('9');
        }
        List<String> trail = session.visited();
        assertThat(trail).hasSize(FlowSession.VISITED_KEPT + 1).startsWith("start", "hours", "main", "support-menu");
        assertThat(trail.get(FlowSession.VISITED_KEPT)).isEqualTo("… " + (3 + 40 * 3 - FlowSession.VISITED_KEPT) + " more");
        assertThat(heard).endsWith("play welcome"); // still in the main menu, still served
    }

    @Test
    void outsideOpeningHoursTheClosedBranchPlaysAndHangsUp() {
        clock.advance(Duration.ofHours(10)); // 20:00 local
        call("+4533333333");
        assertThat(session.visited()).containsExactly("start", "hours", "closed");
        promptEnds();
        assertThat(heard).containsExactly("play welcome", "hang up");
        assertThat(session.isDone()).isTrue();
    }

    @Test
    void aVipCallerGoesStraightToTheFrontOfReception() {
        call("+4520304050");
        assertThat(heard).containsExactly("queue reception as VIP");
    }

    @Test
    void theSupportMenusDefaultIsTheVoicemailStub() {
        call("+4533333333");
        session.key('2');
        promptEnds();
        for (int i = 0; i < 3; i++) {
            session.key('5');
            if (i < 2) {
                promptEnds(); // the notice
                promptEnds(); // the prompt again
            }
        }
        assertThat(heard).endsWith("play menu-invalid (notice)", "play welcome", "voicemail");
    }

    @Test
    void afterTheCallEndsNothingHappens() {
        call("+4533333333");
        promptEnds();
        session.cancel();
        clock.advanceSeconds(60);
        session.key('1');
        assertThat(heard).containsExactly("play welcome");
    }
}
