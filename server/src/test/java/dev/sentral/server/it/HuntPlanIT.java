package dev.sentral.server.it;

import dev.sentral.routing.hunt.PlanView;
import dev.sentral.routing.hunt.RoutingOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hunt strategies on the wire: twelve members, each its own SIPp process on its own loopback port and each
 * scripted (answers, busy, declines, never answers). Which phones received an INVITE, which were cancelled
 * and which one connected is read from each SIPp's own statistics; Sentral's routing outcomes say whom
 * the caller got.
 */
class HuntPlanIT {
    private static final int MEMBERS = 12;

    @TempDir
    Path work;

    private TestSentral sentral;
    private final List<Sipp> phones = new ArrayList<>();
    private final int[] ports = new int[MEMBERS + 1];
    private final List<RoutingOutcome> outcomes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Sipp p : phones) {
            if (p.isRunning()) {
                p.stop();
            }
        }
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    /** Starts Sentral with the given hunt plans; {@code members} lists m1..m12 for a plan's members key. */
    private void start(int rtpPortMin, String numbersAndPlans) throws Exception {
        for (int i = 1; i <= MEMBERS; i++) {
            ports[i] = FreePorts.udpAndTcp();
        }
        String yaml = TestSentral.header(FreePorts.udpAndTcp(), rtpPortMin) + numbersAndPlans;
        for (int i = 1; i <= MEMBERS; i++) {
            yaml = yaml.replace("@m" + i + "@", "sip:m" + i + "@127.0.0.1:" + ports[i]);
        }
        sentral = TestSentral.start(yaml);
        sentral.server().b2bua().addRoutingListener(outcomes::add);
    }

    /** The members key for m{from}..m{to}, each with a level chosen by {@code level}. */
    private static String members(int from, int to, IntFunction<Integer> level) {
        StringBuilder sb = new StringBuilder("    members:\n");
        for (int i = from; i <= to; i++) {
            sb.append("      - {name: m").append(i).append(", uri: '@m").append(i).append("@', level: ")
                    .append(level.apply(i)).append("}\n");
        }
        return sb.toString();
    }

    private static String members(int from, int to) {
        return members(from, to, i -> 0);
    }

    /** Starts member {@code i}'s phone with a scenario; it takes at most {@code calls} calls. */
    private Sipp phone(int i, String scenario, int calls, String... args) throws Exception {
        Sipp p = Sipp.member(scenario, work, ports[i], FreePorts.mediaPair()).calls(calls).arg(args)
                .timeout(Duration.ofSeconds(60)).start();
        phones.add(p);
        return p;
    }

    /** A carrier's SBC on {@code port}: answers one call whose Request-URI is sip:+45…;user=phone. */
    private Sipp trunkPeer(int port) throws Exception {
        Sipp trunk = Sipp.member("trunk-peer.xml", work, port, FreePorts.mediaPair()).calls(1)
                .arg("-set", "answer_delay", "0").timeout(Duration.ofSeconds(30)).start();
        phones.add(trunk);
        return trunk;
    }

    /**
     * A call to 100 where m1 says busy and the carrier's SBC on {@code trunkPort} answers; the SBC's scenario
     * fails the call unless the Request-URI is {@code sip:+45…@…;user=phone}; which number, each test checks.
     */
    private void callWhereM1IsBusyAndTheTrunkAnswers(int trunkPort) throws Exception {
        Sipp m1 = phone(1, "member-busy.xml", 1);
        Sipp trunk = trunkPeer(trunkPort);

        SippResult call = caller("100").pauseMillis(500).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(m1.await().successful()).as("m1 said busy").isEqualTo(1);
        assertThat(trunk.await().successful()).as("the trunk got INVITE sip:+45…@…;user=phone and answered")
                .isEqualTo(1);
    }

    private Sipp caller(String number) throws Exception {
        return Sipp.caller("caller.xml", work, sentral.sipPort(), number).mediaPort(FreePorts.mediaPair()).calls(1);
    }

    private Sipp callerFrom(String number, String from) throws Exception {
        return Sipp.caller("caller-from.xml", work, sentral.sipPort(), number).mediaPort(FreePorts.mediaPair())
                .calls(1).arg("-key", "from_number", from);
    }

    private List<String> answeredBy() {
        return outcomes.stream().filter(o -> o.kind() == RoutingOutcome.Kind.ANSWERED)
                .map(o -> o.member().orElseThrow()).toList();
    }

    @Test
    void priorityListSkipsBusyAndDecliningMembersAndStopsAtTheFirstWhoAnswers() throws Exception {
        start(50000, """
                numbers: [{number: '100', huntPlan: list}]
                huntPlans:
                  - id: list
                    strategy: priority-list
                """ + members(1, MEMBERS));
        Sipp m1 = phone(1, "member-busy.xml", 1);
        Sipp m2 = phone(2, "member-decline.xml", 1);
        Sipp m3 = phone(3, "member.xml", 1);
        List<Sipp> rest = new ArrayList<>();
        for (int i = 4; i <= MEMBERS; i++) {
            rest.add(phone(i, "member.xml", 1));
        }

        SippResult call = caller("100").pauseMillis(500).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(m1.await().successful()).as("m1 was rung and said 486").isEqualTo(1);
        assertThat(m2.await().successful()).as("m2 was rung and said 603").isEqualTo(1);
        assertThat(m3.await().successful()).as("m3 answered and talked").isEqualTo(1);
        for (Sipp p : rest) {
            assertThat(p.stop().created()).as("m4..m12 never rang").isZero();
        }
        assertThat(answeredBy()).containsExactly("m3");
    }

    @Test
    void simultaneousRingsTheFirstTenFreeMembersWhileTwoAreBusyElsewhere() throws Exception {
        // The product's example scaled to twelve phones: 1 and 2 are busy in another plan's calls → 3..12 ring.
        start(51000, """
                numbers: [{number: '100', huntPlan: all}, {number: '200', huntPlan: desk}]
                huntPlans:
                  - id: all
                    strategy: simultaneous
                """ + members(1, MEMBERS) + """
                  - id: desk
                    strategy: priority-list
                """ + members(1, 2));
        Sipp m1 = phone(1, "member.xml", 1);
        Sipp m2 = phone(2, "member.xml", 1);
        List<Sipp> ringing = new ArrayList<>();
        for (int i = 3; i <= MEMBERS; i++) {
            ringing.add(i == 7 ? phone(i, "member.xml", 1, "-set", "answer_delay", "1500")
                    : phone(i, "member-no-answer.xml", 1));
        }
        Sipp deskCalls = caller("200").calls(2).concurrency(2, 10).pauseMillis(8000).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> answeredBy().size() == 2);

        SippResult call = caller("100").pauseMillis(500).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(answeredBy()).containsExactlyInAnyOrder("m1", "m2", "m7");
        for (int i = 3; i <= MEMBERS; i++) {
            SippResult r = ringing.get(i - 3).await();
            assertThat(r.created()).as("m%d was rung", i).isEqualTo(1);
            assertThat(r.successful()).as("m%d: %s", i, i == 7 ? "answered" : "cancelled when m7 answered").isEqualTo(1);
        }
        assertThat(deskCalls.await().successful()).isEqualTo(2);
        assertThat(m1.await().created()).as("m1 only had its desk call").isEqualTo(1);
        assertThat(m2.await().created()).as("m2 only had its desk call").isEqualTo(1);
    }

    @Test
    void simultaneousRingsAtMostTenAtOnce() throws Exception {
        start(52000, """
                numbers: [{number: '100', huntPlan: all}]
                huntPlans:
                  - id: all
                    strategy: simultaneous
                """ + members(1, MEMBERS));
        Sipp m1 = phone(1, "member.xml", 1, "-set", "answer_delay", "1500");
        List<Sipp> cancelled = new ArrayList<>();
        for (int i = 2; i <= 10; i++) {
            cancelled.add(phone(i, "member-no-answer.xml", 1));
        }
        Sipp m11 = phone(11, "member.xml", 1);
        Sipp m12 = phone(12, "member.xml", 1);

        SippResult call = caller("100").pauseMillis(500).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(m1.await().successful()).as("m1 answered").isEqualTo(1);
        for (Sipp p : cancelled) {
            assertThat(p.await().successful()).as("m2..m10 rang and were cancelled").isEqualTo(1);
        }
        assertThat(m11.stop().created()).as("m11: beyond the cap of ten").isZero();
        assertThat(m12.stop().created()).as("m12: beyond the cap of ten").isZero();
    }

    @Test
    void priorityLevelsMoveToTheNextLevelAfterTheRingTime() throws Exception {
        // The one real-time test: level 0 rings out its 15 s, then level 1 rings and m4 answers; level 2 never rings.
        start(53000, """
                numbers: [{number: '100', huntPlan: levels}]
                huntPlans:
                  - id: levels
                    strategy: priority-levels
                    ringTimeoutSeconds: 15
                """ + members(1, MEMBERS, i -> i <= 2 ? 0 : i <= 4 ? 1 : 2));
        Sipp m1 = phone(1, "member-no-answer.xml", 1);
        Sipp m2 = phone(2, "member-no-answer.xml", 1);
        Sipp m3 = phone(3, "member-no-answer.xml", 1);
        Sipp m4 = phone(4, "member.xml", 1, "-set", "answer_delay", "1000");
        List<Sipp> level2 = new ArrayList<>();
        for (int i = 5; i <= MEMBERS; i++) {
            level2.add(phone(i, "member.xml", 1));
        }

        long started = System.nanoTime();
        SippResult call = caller("100").pauseMillis(500).timeout(Duration.ofSeconds(40)).run();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(seconds).as("15 s of level 0, then level 1 answers within a second or two").isBetween(15L, 20L);
        assertThat(m1.await().successful()).as("m1 rang out (CANCEL)").isEqualTo(1);
        assertThat(m2.await().successful()).as("m2 rang out (CANCEL)").isEqualTo(1);
        assertThat(m3.await().successful()).as("m3 rang with m4 and was cancelled").isEqualTo(1);
        assertThat(m4.await().successful()).as("m4 answered").isEqualTo(1);
        for (Sipp p : level2) {
            assertThat(p.stop().created()).as("level 2 never rang").isZero();
        }
        assertThat(answeredBy()).containsExactly("m4");
    }

    @Test
    void longestIdleSpreadsSequentialCallsOverTheMembers() throws Exception {
        start(54000, """
                numbers: [{number: '100', huntPlan: idle}]
                huntPlans:
                  - id: idle
                    strategy: longest-idle
                """ + members(1, MEMBERS));
        List<Sipp> all = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            all.add(phone(i, "member.xml", 3));
        }

        for (int call = 1; call <= 3; call++) {
            SippResult r = caller("100").pauseMillis(300).run();
            assertThat(r.successful()).as(r.toString()).isEqualTo(1);
        }

        // Everyone was idle since start (ties go by list order); each call's member becomes the least idle.
        assertThat(answeredBy()).containsExactly("m1", "m2", "m3");
        for (int i = 1; i <= MEMBERS; i++) {
            assertThat(all.get(i - 1).stop().created()).as("calls to m%d", i).isEqualTo(i <= 3 ? 1 : 0);
        }
    }

    @Test
    void roundRobinResumesAfterTheMemberWhoTookTheLastCall() throws Exception {
        start(54500, """
                numbers: [{number: '100', huntPlan: robin}]
                huntPlans:
                  - id: robin
                    strategy: round-robin
                """ + members(1, MEMBERS));
        Sipp m1 = phone(1, "member-decline.xml", 2);
        List<Sipp> others = new ArrayList<>();
        for (int i = 2; i <= MEMBERS; i++) {
            others.add(phone(i, "member.xml", 2));
        }

        for (int call = 1; call <= 2; call++) {
            SippResult r = caller("100").pauseMillis(300).run();
            assertThat(r.successful()).as(r.toString()).isEqualTo(1);
        }

        // Call 1: m1 declines, m2 answers. Call 2 starts after m2 (longest-idle would have tried m1 again).
        assertThat(answeredBy()).containsExactly("m2", "m3");
        assertThat(m1.stop().created()).as("m1 was offered only the first call").isEqualTo(1);
        for (int i = 2; i <= MEMBERS; i++) {
            assertThat(others.get(i - 2).stop().created()).as("calls to m%d", i).isEqualTo(i <= 3 ? 1 : 0);
        }
    }

    @Test
    void theQueueTakesVipsFirstAndAFullQueueOverflowsToTheMessage() throws Exception {
        start(55000, """
                numbers: [{number: '100', huntPlan: solo}]
                huntPlans:
                  - id: solo
                    queue: {capacity: 2}
                    vip: ['4599']
                """ + members(1, 1));
        Sipp m1 = phone(1, "member.xml", 3);

        Sipp first = callerFrom("100", "4511").pauseMillis(4000).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> answeredBy().size() == 1);
        Sipp normal = callerFrom("100", "4522").pauseMillis(300).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> plan("solo").queued() == 1);
        Sipp vip = callerFrom("100", "4599").pauseMillis(300).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> plan("solo").queued() == 2);
        SippResult full = Sipp.caller("caller-wait-bye.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).run();

        assertThat(full.successful()).as("queue full: answered with the message, then BYE: " + full).isEqualTo(1);
        assertThat(first.await().successful()).isEqualTo(1);
        assertThat(vip.await().successful()).isEqualTo(1);
        assertThat(normal.await().successful()).isEqualTo(1);
        assertThat(m1.await().successful()).as("m1 took three calls, one after the other").isEqualTo(3);
        assertThat(outcomes.stream().filter(o -> o.kind() == RoutingOutcome.Kind.ANSWERED).map(RoutingOutcome::caller))
                .as("the VIP went ahead of the caller who was waiting before them")
                .containsExactly("4511", "4599", "4522");
        assertThat(outcomes.stream().filter(o -> o.kind() == RoutingOutcome.Kind.OVERFLOWED)).hasSize(1);
    }

    @Test
    void anExternalMemberIsRungThroughTheTrunkWithTheirNumber() throws Exception {
        int trunkPort = FreePorts.udpAndTcp();
        start(57000, """
                trunks: [{id: telco, host: 127.0.0.1, port: %d}]
                numbers: [{number: '100', huntPlan: list}]
                huntPlans:
                  - id: list
                    members:
                      - {name: m1, uri: '@m1@'}
                      - {name: Erik mobile, number: '+45 20 30 40 50'}
                """.formatted(trunkPort));
        callWhereM1IsBusyAndTheTrunkAnswers(trunkPort);
        assertThat(answeredBy()).containsExactly("Erik mobile");
    }

    @Test
    void overflowToAnOutsideNumberGoesOutThroughTheTrunk() throws Exception {
        int trunkPort = FreePorts.udpAndTcp();
        start(57000, """
                trunks: [{id: telco, host: 127.0.0.1, port: %d}]
                numbers: [{number: '100', huntPlan: list}]
                huntPlans:
                  - id: list
                    queue: {enabled: false}
                    overflow: {to: number, number: '+45 33 44 55 66'}
                    members:
                      - {name: m1, uri: '@m1@'}
                """.formatted(trunkPort));
        callWhereM1IsBusyAndTheTrunkAnswers(trunkPort);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.plan()).isEqualTo("outside.+4533445566");
        });
        assertThat(get("/api/plans")).contains("\"id\":\"outside.+4533445566\",\"derived\":true",
                "\"id\":\"list\",\"derived\":false");
        HttpResponse<String> refused = post("/api/plans/outside.+4533445566/presence", "{\"member\": \"+45 33 44 55 66\", \"active\": false}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("derived");
    }

    @Test
    void aMemberLoggedOutThroughTheApiIsNotRung() throws Exception {
        start(56000, """
                numbers: [{number: '100', huntPlan: list}]
                huntPlans:
                  - id: list
                """ + members(1, 2));
        Sipp m1 = phone(1, "member.xml", 1);
        Sipp m2 = phone(2, "member.xml", 1);

        assertThat(post("/api/plans/list/presence", "{\"member\": \"m1\", \"active\": false}").statusCode()).isEqualTo(204);
        assertThat(post("/api/plans/list/presence", "{\"member\": \"nobody\", \"active\": false}").statusCode()).isEqualTo(404);
        assertThat(post("/api/plans/nowhere/presence", "{\"member\": \"m1\", \"active\": false}").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = post("/api/plans/list/presence", "{\"member\": \"m1\", \"active\": \"no\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("active");
        await().atMost(Duration.ofSeconds(2)).until(() -> !plan("list").members().get(0).active());
        assertThat(get("/api/plans")).contains("\"name\":\"m1\"", "\"active\":false");

        SippResult call = caller("100").pauseMillis(300).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(m2.await().successful()).as("m2 took the call").isEqualTo(1);
        assertThat(m1.stop().created()).as("m1 is logged out").isZero();
    }

    private PlanView plan(String id) {
        return sentral.server().b2bua().plans().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + sentral.server().httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + sentral.server().httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
