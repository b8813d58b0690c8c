package dev.sentral.server.it;

import dev.sentral.routing.hunt.PlanView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members log themselves in and out by dialling feature codes from their registered phone (digest-
 * authenticated INVITE, confirmation prompt, hang-up), and that state, like the phone's registration,
 * survives a restart of Sentral (kept in an H2 file). Strangers cannot use Sentral to call outside.
 */
class FeatureCodeIT {
    // HA1 = H("alice:sentral:secret"), computed with Python's hashlib
    private static final String CONFIG = """
            users:
              - {name: alice, displayName: Alice, ha1Md5: 128948d22e1dae9acee9a39371956425}
            trunks: [{id: telco, host: 127.0.0.1, port: TRUNK}]
            numbers: [{number: '100', huntPlan: reception}, {number: '200', huntPlan: sales}]
            huntPlans:
              - id: reception
                members: [{user: alice}, {name: Desk, uri: 'sip:desk@127.0.0.1:5999'}]
              - id: sales
                language: da
                members: [{user: alice}, {name: Mobile, number: '+4520304060'}]
            featureCodes:
              plans: [{huntPlan: sales, logIn: '*31', logOut: '*32'}]
            """;

    @TempDir
    Path work;

    private TestSentral sentral;
    private int trunkPort;

    @AfterEach
    void stop() {
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    /** The store section: an H2 file in the test's folder unless a test chose another. */
    private String store;

    private String sipExtra = "";
    private int deskPort = 5999;

    private TestSentral start() throws Exception {
        String yaml = TestSentral.header(FreePorts.udpAndTcp(), 37000, 37999, sipExtra)
                + (store != null ? store : "store: {url: 'jdbc:h2:file:" + work.resolve("sentral") + "'}\n")
                + CONFIG.replace("TRUNK", String.valueOf(trunkPort)).replace("5999", String.valueOf(deskPort));
        return TestSentral.start(yaml);
    }

    /** Which members of each plan are logged in, as routing sees it. */
    private Map<String, Boolean> active(String plan) {
        PlanView p = sentral.server().b2bua().plans().stream().filter(v -> v.id().equals(plan)).findFirst().orElseThrow();
        return p.members().stream().collect(Collectors.toMap(PlanView.MemberView::name, PlanView.MemberView::active));
    }

    private SippResult dial(String code) throws Exception {
        return Sipp.caller("caller-auth-wait-bye.xml", work, sentral.sipPort(), code).mediaPort(FreePorts.mediaPair())
                .arg("-key", "user", "alice", "-au", "alice", "-ap", "secret").calls(1).timeout(Duration.ofSeconds(20)).run();
    }

    @Test
    void logOutAndInByFeatureCodeSurvivesARestartAsDoesTheRegistration() throws Exception {
        logOutAndInAcrossARestart();
    }

    /** The same against PostgreSQL ({@code .ci/run} starts one; elsewhere set SENTRAL_TEST_POSTGRES_URL). */
    @Test
    void theSameWithPostgresqlAsTheStore() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.sentral.server.store.TestPostgres.available(),
                "no PostgreSQL to test against");
        dev.sentral.config.StoreSettings pg = dev.sentral.server.store.TestPostgres.freshSchema("feature_code_it");
        store = "store: {url: '" + pg.url() + "', user: " + pg.user() + ", password: '" + pg.password() + "'}\n";
        logOutAndInAcrossARestart();
    }

    private void logOutAndInAcrossARestart() throws Exception {
        trunkPort = FreePorts.udpAndTcp();
        sentral = start();
        int phonePort = FreePorts.udpAndTcp();
        SippResult registered = Sipp.caller("register.xml", work, sentral.sipPort(), "alice").localPort(phonePort)
                .arg("-au", "alice", "-ap", "secret", "-key", "expires", "3600").calls(1).timeout(Duration.ofSeconds(8)).run();
        assertThat(registered.successful()).as(registered.toString()).isEqualTo(1);
        assertThat(active("reception")).containsEntry("Alice", true);
        String status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + sentral.server().httpPort() + "/api/status")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"registeredContacts\":1", "\"lostWrites\":0",
                "\"database\":\"" + (store == null ? "h2" : "postgresql") + "\"");

        SippResult loggedOut = dial("*22"); // out of every plan: the confirmation plays, then Sentral hangs up
        assertThat(loggedOut.successful()).as(loggedOut.toString()).isEqualTo(1);
        assertThat(active("reception")).containsEntry("Alice", false).containsEntry("Desk", true);
        assertThat(active("sales")).containsEntry("Alice", false);

        SippResult salesIn = dial("*31"); // back into sales only
        assertThat(salesIn.successful()).as(salesIn.toString()).isEqualTo(1);
        assertThat(active("sales")).containsEntry("Alice", true);
        assertThat(active("reception")).containsEntry("Alice", false);

        sentral.server().shutdownGracefully();
        sentral = start(); // a new process would see the same: everything comes from the database file

        assertThat(active("reception")).containsEntry("Alice", false).containsEntry("Desk", true);
        assertThat(active("sales")).containsEntry("Alice", true);
        assertThat(sentral.server().b2bua().contactsOf("alice")).containsExactly("sip:alice@127.0.0.1:" + phonePort);

        SippResult allIn = dial("*21");
        assertThat(allIn.successful()).as(allIn.toString()).isEqualTo(1);
        assertThat(active("reception")).containsEntry("Alice", true);
    }

    @Test
    void aStrangerCannotCallAnOutsideNumberThroughSentral() throws Exception {
        trunkPort = FreePorts.udpAndTcp();
        sentral = start();
        Sipp trunk = Sipp.member("member.xml", work, trunkPort, FreePorts.mediaPair()).calls(1)
                .timeout(Duration.ofSeconds(20)).start();
        try {
            SippResult fraud = Sipp.caller("caller-expect-407.xml", work, sentral.sipPort(), "+4590123456")
                    .fromAddress("127.0.0.2").mediaPort(FreePorts.mediaPair()).calls(3).timeout(Duration.ofSeconds(10)).run();
            assertThat(fraud.successful()).as("every attempt challenged: " + fraud).isEqualTo(3);
            SippResult featureCode = Sipp.caller("caller-expect-407.xml", work, sentral.sipPort(), "*22")
                    .fromAddress("127.0.0.2").mediaPort(FreePorts.mediaPair()).calls(1).timeout(Duration.ofSeconds(10)).run();
            assertThat(featureCode.successful()).as("feature codes need credentials too: " + featureCode).isEqualTo(1);
        } finally {
            SippResult carrier = trunk.stop();
            assertThat(carrier.created()).as("nothing reached the trunk: " + carrier).isZero();
        }
        assertThat(sentral.server().b2bua().stats().activeCalls()).isZero();
    }

    @Test
    void withNumbersFromTrunksOnlyTheTrunkCallsTheNumbersUnchallenged() throws Exception {
        trunkPort = FreePorts.udpAndTcp();
        deskPort = FreePorts.udpAndTcp();
        sipExtra = ", numbersFrom: trunks";
        sentral = start();
        SippResult stranger = Sipp.caller("caller-expect-407.xml", work, sentral.sipPort(), "100")
                .fromAddress("127.0.0.2").mediaPort(FreePorts.mediaPair()).calls(1).timeout(Duration.ofSeconds(10)).run();
        assertThat(stranger.successful()).as("a non-trunk address is challenged for the number: " + stranger).isEqualTo(1);
        Sipp desk = Sipp.member("member.xml", work, deskPort, FreePorts.mediaPair()).calls(1)
                .timeout(Duration.ofSeconds(20)).start();
        SippResult trunk = Sipp.caller("caller.xml", work, sentral.sipPort(), "100")
                .mediaPort(FreePorts.mediaPair()).calls(1).pauseMillis(500).timeout(Duration.ofSeconds(15)).run();
        assertThat(trunk.successful()).as("the trunk's address (127.0.0.1) is taken without a challenge: " + trunk)
                .isEqualTo(1);
        assertThat(desk.await().successful()).as("the desk phone took the trunk's call").isEqualTo(1);
    }
}
