package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.b2bua.SipStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a caller hears before a member answers, on the wire: the number's greeting (Sentral answers at once),
 * then the plan's hold music, then the member. Counted from Sentral's RTP counters: what it sent the caller
 * minus what it relayed from the member is what Sentral itself played.
 */
class GreetingIT {
    @TempDir
    Path work;

    private TestSentral sentral;
    private final List<RoutingOutcome> outcomes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (sentral != null) {
            assertThat(sentral.server().b2bua().stats().unhandledEvents()).isZero();
            assertThat(sentral.server().b2bua().stats().callTaskFailures()).isZero();
            sentral.close();
        }
    }

    private void start(int rtpPortMin, int memberPort, String planOptions) throws Exception {
        String yaml = TestSentral.yaml(FreePorts.udpAndTcp(), rtpPortMin, 20, 1, List.of(memberPort))
                .replace("huntPlan: main}", "huntPlan: main, greeting: welcome}")
                .replace("    members:\n", planOptions + "    members:\n");
        sentral = TestSentral.start(yaml);
        sentral.server().b2bua().addRoutingListener(outcomes::add);
    }

    @Test
    void theCallerHearsTheGreetingThenMusicThenTheMember() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        start(60000, memberPort, "");
        // the member is rung when the greeting (5.2 s) is over and picks up 4 s later: ~4 s of music
        Sipp member = Sipp.member("member.xml", work, memberPort, FreePorts.mediaPair()).calls(1)
                .answerDelayMillis(4000).start();

        // the caller listens for 10 s, then talks for 7 s (the member echoes it back), then hangs up
        SippResult caller = Sipp.caller("caller-listens-then-talks.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).arg("-set", "listen_ms", "10000")
                .timeout(Duration.ofSeconds(40)).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        assertThat(member.await().successful()).as("the member answered and got the caller's BYE").isEqualTo(1);
        SipStats stats = sentral.server().b2bua().stats();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        long playedBySentral = stats.rtpToCallers() - stats.rtpFromMembers();
        // 20 ms frames from the 200 OK until the member answered, about 9.2 s (the greeting is 5.2 s of it)
        assertThat(playedBySentral).as("greeting + music frames sent to the caller").isBetween(420L, 500L);
        assertThat(stats.rtpFromMembers()).as("then the member's audio: the echo of the caller's 236-packet pcap").isGreaterThan(200);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.member()).contains("m1");
            assertThat(o.waited()).as("routing starts after the greeting").isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
        });
    }

    @Test
    void aCallerWhoHangsUpDuringTheGreetingIsAbandonedAndNoPhoneRings() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        start(61000, memberPort, "");
        Sipp member = Sipp.member("member.xml", work, memberPort, FreePorts.mediaPair()).calls(1).start();

        SippResult caller = Sipp.caller("caller.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(2000).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ABANDONED));
        assertThat(member.stop().created()).as("the greeting was not over: nobody was rung").isZero();
    }
}
