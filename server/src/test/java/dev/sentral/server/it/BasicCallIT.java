package dev.sentral.server.it;

import dev.sentral.sip.b2bua.SipStats;
import dev.sentral.sip.call.CallOutcome.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The B2BUA call path end to end: real sipp callers and members on loopback, a real Sentral in between.
 * Assertions come from SIPp's own statistics (successful/failed calls, unexpected messages) and from what
 * Sentral counted on the wire (RTP per direction, call outcomes).
 */
class BasicCallIT {
    @TempDir
    Path work;

    private TestSentral sentral;

    @AfterEach
    void stop() {
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    private Sipp member(String scenario, int port) throws Exception {
        return Sipp.member(scenario, work, port, FreePorts.mediaPair());
    }

    private Sipp caller(String scenario) throws Exception {
        return Sipp.caller(scenario, work, sentral.sipPort(), TestSentral.MAIN_NUMBER).mediaPort(FreePorts.mediaPair());
    }

    @Test
    void twoHundredSequentialCallsAllComplete() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(42000, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(200).start();

        SippResult callers = caller("caller.xml").calls(200).concurrency(1, 100).pauseMillis(50)
                .timeout(Duration.ofSeconds(90)).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(200);
        assertThat(callers.failed()).isZero();
        assertThat(callers.unexpectedMessages()).isZero();
        assertThat(members.successful()).as(members.toString()).isEqualTo(200);
        assertThat(members.failed()).isZero();
        assertThat(sentral.server().b2bua().stats().outcomes(Kind.ANSWERED)).isEqualTo(200);
        assertThat(sentral.server().b2bua().stats().peakActiveCalls()).isLessThanOrEqualTo(2);
    }

    @Test
    void fiftyConcurrentCallsCompleteAndRtpCrossesBothWays() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(43000, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(50).start();

        // 50 calls started within half a second, each talking for 3 s: all 50 are up at once.
        SippResult callers = caller("caller.xml").calls(50).concurrency(50, 100).pauseMillis(3000).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(50);
        assertThat(callers.failed()).isZero();
        assertThat(members.successful()).as(members.toString()).isEqualTo(50);
        SipStats stats = sentral.server().b2bua().stats();
        assertThat(stats.peakActiveCalls()).isGreaterThanOrEqualTo(45);
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        // 3 s of 20 ms packets is 150 per call and direction; allow for start-up and the end of the call.
        long expectedPerDirection = 50L * 100;
        assertThat(stats.rtpFromCallers()).as("RTP from callers").isGreaterThan(expectedPerDirection);
        assertThat(stats.rtpToMembers()).as("RTP relayed to members").isGreaterThan(expectedPerDirection);
        // The members only echo what reached them, so RTP coming back proves it arrived.
        assertThat(stats.rtpFromMembers()).as("RTP echoed by members").isGreaterThan(expectedPerDirection);
        assertThat(stats.rtpToCallers()).as("RTP relayed to callers").isGreaterThan(expectedPerDirection);
        assertThat(sentral.server().media().openEndpoints()).as("RTP sockets left open").isZero();
        String status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + sentral.server().httpPort() + "/api/status")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"active\":0", "\"started\":50", "\"answered\":50", "\"openEndpoints\":0");
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + sentral.server().httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("sentral_calls_ended_total{outcome=\"answered\"} 50.0",
                "sentral_calls_started_total 50.0", "sentral_calls_active 0.0", "sentral_fsm_unhandled_events_total 0.0");
    }

    @Test
    void withRealtimeMediaThreadsACallIsBridgedAndTheStatusSaysSo() throws Exception {
        // media.realtimePriority: the media threads under SCHED_FIFO where the process may (CI runs as root).
        // One call, so that the SIPp processes sharing the box are not starved (see README, Performance).
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(TestSentral.yaml(FreePorts.udpAndTcp(), 39000, 20, 2, List.of(memberPort))
                .replace("inactivityTimeoutSeconds: 30}", "inactivityTimeoutSeconds: 30, realtimePriority: 10}"));
        Sipp m1 = member("member.xml", memberPort).calls(1).start();

        SippResult call = caller("caller.xml").calls(1).pauseMillis(2000).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(m1.await().successful()).isEqualTo(1);
        SipStats stats = sentral.server().b2bua().stats();
        assertThat(stats.rtpToMembers()).as("RTP relayed to the member in 2 s").isGreaterThan(50);
        assertThat(stats.rtpToCallers()).as("RTP relayed back to the caller").isGreaterThan(50);
        String status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + sentral.server().httpPort() + "/api/status")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"realtime\":" + dev.sentral.media.rtp.RealtimeScheduling.permitted(10));
    }

    @Test
    void callerCancellingBeforeAnswerCancelsTheMember() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(44000, 20, 2, List.of(memberPort));
        Sipp m1 = member("member-no-answer.xml", memberPort).calls(3).start();

        SippResult callers = caller("caller-cancel.xml").calls(3).concurrency(3, 10).pauseMillis(500).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(3);
        assertThat(members.successful()).as("member saw CANCEL, answered 487, got ACK: " + members).isEqualTo(3);
        assertThat(sentral.server().b2bua().stats().outcomes(Kind.ABANDONED)).isEqualTo(3);
    }

    @Test
    void aBusyMemberWithTheQueueOffSendsTheCallerToTheStandardMessage() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(44200, 20, 2, List.of(memberPort), "queue: {enabled: false}");
        Sipp m1 = member("member-busy.xml", memberPort).calls(1).start();

        long started = System.nanoTime();
        SippResult callers = caller("caller-wait-bye.xml").calls(1).run();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        SippResult members = m1.await();

        assertThat(members.successful()).as("m1 was offered the call and said busy: " + members).isEqualTo(1);
        assertThat(callers.successful()).as("caller answered by Sentral, then BYE: " + callers).isEqualTo(1);
        SipStats stats = sentral.server().b2bua().stats();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        assertThat(stats.outcomes(Kind.OVERFLOWED)).isEqualTo(1);
        // The English message is 6.8 s of 20 ms frames; the BYE comes when it has played.
        assertThat(stats.rtpToCallers()).as("prompt frames sent to the caller").isBetween(320L, 360L);
        assertThat(millis).as("the caller heard the whole message").isBetween(6_500L, 9_000L);
    }

    @Test
    void aBusyFirstMemberPassesTheCallToTheSecondAndIsLeftAloneForAWhile() throws Exception {
        int busyPort = FreePorts.udpAndTcp();
        int freePort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(44400, 20, 2, List.of(busyPort, freePort));
        Sipp busy = member("member-busy.xml", busyPort).calls(1).start();
        Sipp free = member("member.xml", freePort).calls(2).start();

        SippResult callers = caller("caller.xml").calls(2).concurrency(1, 10).pauseMillis(200).run();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(2);
        assertThat(busy.await().successful()).as("m1 said busy to the first call; the second skipped it").isEqualTo(1);
        assertThat(free.await().successful()).as("m2 answered both").isEqualTo(2);
    }

    @Test
    void aMemberWhoForwardsWith302IsRungAtTheNewContact() throws Exception {
        int forwardingPort = FreePorts.udpAndTcp();
        int mobilePort = FreePorts.udpAndTcp(); // not in the plan: only reachable through the redirect
        sentral = TestSentral.start(44500, 20, 2, List.of(forwardingPort));
        Sipp desk = member("member-redirect.xml", forwardingPort).calls(2)
                .arg("-key", "redirect_to", "sip:mobile@127.0.0.1:" + mobilePort).start();
        Sipp mobile = member("member.xml", mobilePort).calls(2).start();

        SippResult callers = caller("caller.xml").calls(2).concurrency(1, 10).pauseMillis(300).run();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(2);
        assertThat(desk.await().successful()).as("the desk phone answered 302 to both").isEqualTo(2);
        assertThat(mobile.await().successful()).as("the mobile took both calls").isEqualTo(2);
        assertThat(sentral.server().b2bua().stats().outcomes(Kind.ANSWERED)).isEqualTo(2);
    }

    @Test
    void memberHangingUpEndsTheCallForTheCaller() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(44600, 20, 2, List.of(memberPort));
        Sipp m1 = member("member-hangup.xml", memberPort).calls(5).pauseMillis(500).start();

        SippResult callers = caller("caller-wait-bye.xml").calls(5).concurrency(5, 10).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as("callers received BYE: " + callers).isEqualTo(5);
        assertThat(members.successful()).as(members.toString()).isEqualTo(5);
    }

    @Test
    void callerHangingUpEndsTheCallForTheMember() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(44800, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(5).answerDelayMillis(300).start();

        SippResult callers = caller("caller.xml").calls(5).concurrency(5, 10).pauseMillis(500).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(5);
        assertThat(members.successful()).as("members received BYE: " + members).isEqualTo(5);
    }

    @Test
    void holdAndResumeAreAnsweredAndMirroredToTheOtherSide() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(45000, 20, 2, List.of(memberPort));
        Sipp m1 = member("member-hold.xml", memberPort).calls(2).start();

        SippResult callers = caller("caller-hold.xml").calls(2).concurrency(1, 10).pauseMillis(300).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as("caller's re-INVITEs answered recvonly, then sendrecv: " + callers).isEqualTo(2);
        assertThat(members.successful()).as("member saw sendonly, then sendrecv: " + members).isEqualTo(2);
    }

    @Test
    void aCallOverTcpReachesAMemberOverUdp() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(45200, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(3).start();

        SippResult callers = caller("caller.xml").tcp().localPort(FreePorts.udpAndTcp()).calls(3).concurrency(1, 10).pauseMillis(200).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(3);
        assertThat(members.successful()).as(members.toString()).isEqualTo(3);
    }

    @Test
    void aLateOfferCallerIsAnsweredWithAnOfferAndRtpFlowsAfterTheAck() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(45300, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(3).start();

        SippResult callers = caller("caller-late-offer.xml").calls(3).concurrency(3, 10).pauseMillis(2000).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as("200 carried an A-law offer, ACK answered it: " + callers).isEqualTo(3);
        assertThat(members.successful()).as(members.toString()).isEqualTo(3);
        SipStats stats = sentral.server().b2bua().stats();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        assertThat(stats.rtpToMembers()).as("caller's RTP reached the members").isGreaterThan(3 * 50);
        assertThat(stats.rtpToCallers()).as("members' RTP reached the callers").isGreaterThan(3 * 50);
    }

    @Test
    void aKeyTheCallerPressesIsHeardOnceAndPassedToTheMember() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        sentral = TestSentral.start(45350, 20, 2, List.of(memberPort));
        Sipp m1 = member("member.xml", memberPort).calls(4).start();

        SippResult callers = caller("caller-presses-1.xml").calls(4).concurrency(4, 10).pauseMillis(1000).run();
        SippResult members = m1.await();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(4);
        assertThat(members.successful()).as(members.toString()).isEqualTo(4);
        SipStats stats = sentral.server().b2bua().stats();
        // SIPp's capture is 10 packets of one event (start, updates, three end packets): one key per call
        assertThat(stats.callerKeys()).isEqualTo(4);
        // and the event was relayed on to the member, who echoed it back
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        assertThat(stats.rtpToMembers()).isGreaterThanOrEqualTo(4 * 10);
        assertThat(stats.rtpFromMembers()).isGreaterThanOrEqualTo(4 * 10);
    }

    /** Only the configured numbers are open: anything else needs a user's credentials (no toll fraud). */
    @Test
    void anUnknownNumberIsChallengedForCredentials() throws Exception {
        sentral = TestSentral.start(45400, 20, 2, List.of(FreePorts.udpAndTcp()));

        SippResult callers = Sipp.caller("caller-expect-407.xml", work, sentral.sipPort(), "4599999999")
                .mediaPort(FreePorts.mediaPair()).calls(2).run();

        assertThat(callers.successful()).as(callers.toString()).isEqualTo(2);
        assertThat(sentral.server().b2bua().stats().callsStarted()).isZero();
    }

    @Test
    void aMemberWhoNeverAnswersIsCancelledAfterTheRingTimeAndOneRoundOverflows() throws Exception {
        int memberPort = FreePorts.udpAndTcp();
        // 15 s: the shortest ring time allowed; one round, then the standard message
        sentral = TestSentral.start(45600, 15, 2, List.of(memberPort), "offerLimit: {rounds: 1}");
        Sipp m1 = member("member-no-answer.xml", memberPort).calls(1).start();

        long started = System.nanoTime();
        SippResult callers = caller("caller-wait-bye.xml").calls(1).timeout(Duration.ofSeconds(40)).run();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        SippResult members = m1.await();

        assertThat(members.successful()).as("member got CANCEL after ringing out: " + members).isEqualTo(1);
        assertThat(callers.successful()).as(callers.toString()).isEqualTo(1);
        assertThat(seconds).as("15 s of ringing, then the 6.8 s message").isBetween(21L, 26L);
        assertThat(sentral.server().b2bua().stats().outcomes(Kind.OVERFLOWED)).isEqualTo(1);
    }
}
