package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.b2bua.SipStats;
import dev.sentral.sip.b2bua.WaitingAudio;
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
            sentral.closeChecked();
        }
    }

    private void start(int rtpPortMin, int memberPort, String planOptions) throws Exception {
        start(rtpPortMin, memberPort, planOptions, 600); // SIPp callers fall silent after their 7 s pcap
    }

    private void start(int rtpPortMin, int memberPort, String planOptions, int inactivitySeconds) throws Exception {
        String yaml = TestSentral.yaml(FreePorts.udpAndTcp(), rtpPortMin, 20, 1, List.of(memberPort))
                .replace("inactivityTimeoutSeconds: 30", "inactivityTimeoutSeconds: " + inactivitySeconds)
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

    @Test
    void aWaitingCallerWhoFallsSilentIsHungUpAndLeavesTheQueue() throws Exception {
        int nobodyThere = FreePorts.udpAndTcp();
        start(48000, nobodyThere, "", 5); // the shortest inactivity time allowed

        long started = System.nanoTime();
        SippResult caller = Sipp.caller("caller-wait-bye.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).timeout(Duration.ofSeconds(30)).run();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        // the caller sends its 7 s pcap and then nothing (no RTCP either): 5 s later Sentral hangs up
        assertThat(caller.successful()).as("the caller got Sentral's BYE: " + caller).isEqualTo(1);
        assertThat(seconds).isBetween(11L, 15L);
        await().atMost(Duration.ofSeconds(3)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ABANDONED));
        assertThat(sentral.server().b2bua().plans().get(0).waitingCalls()).as("the queue place is free").isEmpty();
    }

    @Test
    void positionAnnouncementsCome30SecondsApartAndTheMusicResumesWhereItPaused() throws Exception {
        int busyMember = FreePorts.udpAndTcp(); // the only member is busy (486), then unreachable: the caller waits
        start(62000, busyMember, "");
        Sipp busy = Sipp.member("member-busy.xml", work, busyMember, FreePorts.mediaPair()).calls(1).start();
        List<WaitingAudio> heard = new CopyOnWriteArrayList<>();
        sentral.server().b2bua().addWaitingAudioListener(heard::add);

        SippResult caller = Sipp.caller("caller.xml", work, sentral.sipPort(), TestSentral.MAIN_NUMBER)
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(72_000).timeout(Duration.ofSeconds(100)).run();

        assertThat(caller.successful()).as(caller.toString()).isEqualTo(1);
        assertThat(busy.await().successful()).as("the member said busy; the caller queued behind it").isEqualTo(1);
        List<WaitingAudio.Kind> kinds = heard.stream().map(WaitingAudio::kind).toList();
        // (a music file that ends is followed by the next one, so more MUSIC entries may come between)
        assertThat(kinds).as("what the caller heard, in order").startsWith(WaitingAudio.Kind.GREETING,
                WaitingAudio.Kind.MUSIC).containsSubsequence(WaitingAudio.Kind.MUSIC_PAUSED, WaitingAudio.Kind.ANNOUNCEMENT,
                WaitingAudio.Kind.ANNOUNCEMENT_ENDED, WaitingAudio.Kind.MUSIC, WaitingAudio.Kind.MUSIC_PAUSED,
                WaitingAudio.Kind.ANNOUNCEMENT);
        WaitingAudio musicStarts = first(heard, WaitingAudio.Kind.MUSIC, 0);
        WaitingAudio paused = first(heard, WaitingAudio.Kind.MUSIC_PAUSED, 0);
        WaitingAudio first = first(heard, WaitingAudio.Kind.ANNOUNCEMENT, 0);
        WaitingAudio firstEnded = first(heard, WaitingAudio.Kind.ANNOUNCEMENT_ENDED, 0);
        // the music that follows the end of the first announcement (a file may also have ended before it)
        WaitingAudio resumed = heard.subList(heard.indexOf(firstEnded), heard.size()).stream()
                .filter(w -> w.kind() == WaitingAudio.Kind.MUSIC).findFirst().orElseThrow();
        WaitingAudio second = first(heard, WaitingAudio.Kind.ANNOUNCEMENT, 1);

        assertThat(first.position()).as("the only caller waiting is number 1").isEqualTo(1);
        assertThat(Duration.between(musicStarts.at(), first.at())).as("30 s of music before the first")
                .isBetween(Duration.ofMillis(29_000), Duration.ofMillis(31_000));
        assertThat(Duration.between(first.at(), firstEnded.at())).as("the English announcement is a few seconds")
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
        assertThat(Duration.between(firstEnded.at(), second.at())).as("30 s counted from the end of the last one")
                .isBetween(Duration.ofMillis(29_000), Duration.ofMillis(31_000));
        assertThat(resumed.url()).as("the music resumes in the same file").isEqualTo(paused.url());
        assertThat(resumed.offsetMs()).as("at the same offset").isEqualTo(paused.offsetMs()).isGreaterThan(0);
        SipStats stats = sentral.server().b2bua().stats();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        assertThat(stats.rtpToCallers()).as("72 s of greeting, music and announcements at 50 frames/s")
                .isBetween(3_300L, 3_700L);
    }

    private static WaitingAudio first(List<WaitingAudio> heard, WaitingAudio.Kind kind, int skip) {
        return heard.stream().filter(w -> w.kind() == kind).skip(skip).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " #" + (skip + 1) + " in " + heard));
    }
}
