package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.b2bua.WaitingAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A main number with a key menu, on the wire: SIPp callers press keys as RFC 4733 events (SIPp's digit
 * captures) and as SIP INFO, and reach the plan they chose; each plan's member is its own SIPp phone.
 */
class IvrIT {
    @TempDir
    Path work;

    private TestSentral sentral;
    private Sipp sales;
    private Sipp support;
    private int trunkPort;
    private int annaPort;
    private final List<RoutingOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<WaitingAudio> audio = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        int salesPort = FreePorts.udpAndTcp();
        int supportPort = FreePorts.udpAndTcp();
        trunkPort = FreePorts.udpAndTcp();
        annaPort = FreePorts.udpAndTcp();
        String yaml = TestSentral.header(FreePorts.udpAndTcp(), 36000) + """
                numbers: [{number: '100', flow: main}]
                trunks: [{id: telco, host: 127.0.0.1, port: TRUNK}]
                huntPlans:
                  - {id: sales, members: [{name: Sales, uri: 'sip:sales@127.0.0.1:SALES'}]}
                  - {id: support, members: [{name: Support, uri: 'sip:support@127.0.0.1:SUPPORT'}]}
                flow:
                  main:
                    type: menu
                    prompt: welcome
                    keys: {'1': sales, '2': support, '3': mobile, '4': anna}
                    noInputTimeoutSeconds: 2
                    retries: 0
                    otherwise: closed
                  sales: {type: queue, huntPlan: sales}
                  support: {type: queue, huntPlan: support}
                  closed: {type: voicemail}
                  mobile: {type: transfer, to: {name: Erik, number: '+45 20 30 40 60', ringTimeoutSeconds: 15}}
                  anna: {type: transfer, to: {name: Anna, uri: 'sip:anna@127.0.0.1:ANNA'}, otherwise: main}
                """.replace("SALES", String.valueOf(salesPort)).replace("ANNA", String.valueOf(annaPort)).replace("SUPPORT", String.valueOf(supportPort))
                .replace("TRUNK", String.valueOf(trunkPort));
        sentral = TestSentral.start(yaml);
        sentral.server().b2bua().addRoutingListener(outcomes::add);
        sentral.server().b2bua().addWaitingAudioListener(audio::add);
        sales = Sipp.member("member.xml", work, salesPort, FreePorts.mediaPair()).calls(1)
                .timeout(Duration.ofSeconds(30)).start();
        support = Sipp.member("member.xml", work, supportPort, FreePorts.mediaPair()).calls(1)
                .timeout(Duration.ofSeconds(30)).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Sipp p : List.of(sales, support)) {
            if (p != null && p.isRunning()) {
                p.stop();
            }
        }
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    @Test
    void anRfc4733KeyDuringThePromptStopsItAndReachesThatPlan() throws Exception {
        SippResult caller = Sipp.caller("caller-presses-1.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(3000).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.plan()).isEqualTo("sales");
            assertThat(o.member()).contains("Sales");
        });
        sentral.server().store().flush();
        assertThat(sentral.server().store().callEvents(10)).as("the outcome is in the call-event table")
                .singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("answered");
                    assertThat(e.planId()).contains("sales");
                    assertThat(e.member()).contains("Sales");
                });
        SippResult supportPhone = support.stop();
        assertThat(supportPhone.created()).as("the support phone never rang: " + supportPhone).isZero();
        // Barge-in: the 5.2 s welcome prompt was stopped by the key, 300 ms after the answer.
        WaitingAudio prompt = audio.stream().filter(a -> a.kind() == WaitingAudio.Kind.PROMPT).findFirst().orElseThrow();
        WaitingAudio stopped = audio.stream().filter(a -> a.kind() == WaitingAudio.Kind.PROMPT_STOPPED).findFirst()
                .orElseThrow(() -> new AssertionError("the prompt was never stopped: " + audio));
        assertThat(Duration.between(prompt.at(), stopped.at())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSipInfoKeyReachesThatPlan() throws Exception {
        SippResult caller = Sipp.caller("caller-info-key.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(3000).arg("-key", "digit", "2").run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.member()).contains("Support");
        });
        SippResult salesPhone = sales.stop();
        assertThat(salesPhone.created()).as("the sales phone never rang: " + salesPhone).isZero();
    }

    @Test
    void aKeySentAsTonesInTheAudioReachesThatPlan() throws Exception {
        InbandKeyPcap.write(work.resolve("inband-key.pcap"), '2', 200);
        SippResult caller = Sipp.caller("caller-inband-key.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(3000).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.member()).contains("Support");
        });
        assertThat(sales.stop().created()).as("the sales phone never rang").isZero();
    }

    @Test
    void aCallerWhoPressesNothingGetsTheMenusDefault() throws Exception {
        SippResult caller = Sipp.caller("caller-wait-bye.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).timeout(Duration.ofSeconds(40)).run();

        // prompt (5.2 s), 2 s without a key, no retries: the voicemail stub plays, then Sentral hangs up
        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().extracting(RoutingOutcome::kind).isEqualTo(RoutingOutcome.Kind.OVERFLOWED);
        assertThat(sales.stop().created()).isZero();
        assertThat(support.stop().created()).isZero();
    }

    @Test
    void aTransferToAnOutsideNumberGoesOutThroughTheTrunk() throws Exception {
        Sipp carrier = Sipp.member("trunk-peer.xml", work, trunkPort, FreePorts.mediaPair()).calls(1)
                .arg("-set", "answer_delay", "0").timeout(Duration.ofSeconds(30)).start();
        SippResult caller = Sipp.caller("caller-info-key.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(3000).arg("-key", "digit", "3").run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        SippResult trunk = carrier.await();
        assertThat(trunk.successful()).as("the carrier got sip:+4520304060@…;user=phone and answered: " + trunk)
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.plan()).isEqualTo("flow.mobile");
            assertThat(o.member()).contains("Erik");
        });
    }

    @Test
    void aTransferNobodyTakesComesBackToTheMenuWhereTheCallerChoosesAgain() throws Exception {
        Sipp anna = Sipp.member("member-decline.xml", work, annaPort, FreePorts.mediaPair()).calls(1)
                .timeout(Duration.ofSeconds(30)).start();
        SippResult caller = Sipp.caller("caller-info-two-keys.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(2000)
                .arg("-key", "digit", "4", "-key", "then", "1").run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        assertThat(anna.await().successful()).as("Anna's phone rang and declined").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 2);
        assertThat(outcomes).satisfiesExactly(
                o -> {
                    assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.OVERFLOWED);
                    assertThat(o.plan()).isEqualTo("flow.anna");
                    assertThat(o.destination()).contains(dev.sentral.config.OverflowConfig.Destination.FLOW);
                },
                o -> {
                    assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
                    assertThat(o.member()).contains("Sales");
                });
        assertThat(audio.stream().filter(a -> a.kind() == WaitingAudio.Kind.PROMPT).count())
                .as("the menu prompt played again after the transfer: %s", audio).isEqualTo(2);
        assertThat(support.stop().created()).as("the support phone never rang").isZero();
    }
}
