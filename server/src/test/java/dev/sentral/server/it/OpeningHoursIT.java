package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.b2bua.WaitingAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Opening hours decided at call arrival with an injected clock: a call on Christmas Eve at 23:30, and one on a weekday. */
class OpeningHoursIT {
    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

    @TempDir
    Path work;

    private TestSentral sentral;
    private final List<RoutingOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<WaitingAudio> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    private void start(int rtpPortMin, int memberPort, ZonedDateTime now) throws Exception {
        String yaml = TestSentral.yaml(FreePorts.udpAndTcp(), rtpPortMin, 20, 1, List.of(memberPort))
                .replace("huntPlan: main}", "huntPlan: main, openingHours: office}") + """
                openingHours:
                  - id: office
                    week:
                      monday: ["08:00-16:00"]
                      tuesday: ["08:00-16:00"]
                      wednesday: ["08:00-16:00"]
                      thursday: ["08:00-16:00"]
                      friday: ["08:00-15:00"]
                    special:
                      - {date: 2026-12-24, closed: true}
                    greetings: {normalOpen: welcome, specialClosed: welcome}
                    whenClosed: {to: message}
                """;
        sentral = TestSentral.start(yaml, Clock.fixed(now.toInstant(), CPH));
        sentral.server().b2bua().addRoutingListener(outcomes::add);
        sentral.server().b2bua().addWaitingAudioListener(heard::add);
    }

    @Test
    void onChristmasEveAt2330TheCallerHearsTheClosedGreetingThenTheMessage() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        start(63000, memberPort, ZonedDateTime.of(2026, 12, 24, 23, 30, 0, 0, CPH));
        Sipp member = Sipp.member("member.xml", work, memberPort, FreePorts.mediaPair()).calls(1).start();

        long started = System.nanoTime();
        SippResult caller = Sipp.caller("caller-wait-bye.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).timeout(Duration.ofSeconds(30)).run();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertThat(caller.successful()).as("answered, then BYE from Sentral: " + caller).isEqualTo(1);
        assertThat(seconds).as("the 5.2 s greeting, then the 6.8 s message").isBetween(11L, 15L);
        assertThat(heard).extracting(WaitingAudio::kind).containsExactly(WaitingAudio.Kind.GREETING);
        await().atMost(Duration.ofSeconds(3)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.OVERFLOWED));
        assertThat(member.stop().created()).as("closed: no member rang").isZero();
    }

    @Test
    void onAWednesdayMorningTheCallReachesTheMembers() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        start(64000, memberPort, ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, CPH));
        Sipp member = Sipp.member("member.xml", work, memberPort, FreePorts.mediaPair()).calls(1).start();

        SippResult caller = Sipp.caller("caller.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(7000).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        assertThat(member.await().successful()).as("open: m1 took the call after the greeting").isEqualTo(1);
        assertThat(heard).extracting(WaitingAudio::kind).startsWith(WaitingAudio.Kind.GREETING, WaitingAudio.Kind.MUSIC);
    }
}
