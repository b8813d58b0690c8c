package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import dev.sentral.sip.registrar.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registrar on the wire: SIPp phones register with MD5 digest (SIPp's own [authentication]), a raw UDP
 * client with SHA-256 (RFC 8760), wrong passwords are challenged, then refused and ignored; and a hunt-plan
 * member that is a registered user rings on every phone the user registered.
 */
class RegistrarIT {
    // HA1 = H("alice:sentral:secret") and H("bob:sentral:hunter2"), computed with Python's hashlib
    private static final String USERS = """
            users:
              - {name: alice, displayName: Alice, ha1Md5: 128948d22e1dae9acee9a39371956425}
              - name: bob
                ha1Md5: dc604fbda49f11940214bc3c4784589a
                ha1Sha256: c6af095f36dbcd86d33d35c503da92b5a756c7f35709bf3d3608764dfc9c2ccc
            """;

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

    private void start(int rtpPortMin, String users) throws Exception {
        start(rtpPortMin, users, "[{user: alice}]");
    }

    private void start(int rtpPortMin, String users, String members) throws Exception {
        String yaml = TestSentral.header(FreePorts.udpAndTcp(), rtpPortMin) + users + """
                numbers: [{number: '100', huntPlan: desk}]
                huntPlans:
                  - id: desk
                    members: %s
                """.formatted(members);
        sentral = TestSentral.start(yaml);
        sentral.server().b2bua().addRoutingListener(outcomes::add);
    }

    private SippResult register(String scenario, int localPort, String password, int expires) throws Exception {
        return Sipp.caller(scenario, work, sentral.sipPort(), "alice").localPort(localPort)
                .arg("-au", "alice", "-ap", password, "-key", "expires", String.valueOf(expires))
                .calls(1).timeout(Duration.ofSeconds(8)).run();
    }

    @Test
    void aRegisteredUserRingsOnEveryPhoneAndTheFirstToAnswerTakesTheCall() throws Exception {
        start(58000, USERS);
        int desk = FreePorts.udpAndTcp();
        int softphone = FreePorts.udpAndTcp();

        assertThat(register("register.xml", desk, "secret", 3600).successful()).as("desk phone registered").isEqualTo(1);
        assertThat(register("register.xml", softphone, "secret", 3600).successful()).as("softphone registered").isEqualTo(1);
        assertThat(sentral.server().b2bua().contactsOf("alice")).hasSize(2);

        Sipp deskPhone = Sipp.member("member-no-answer.xml", work, desk, FreePorts.mediaPair()).calls(1).start();
        Sipp soft = Sipp.member("member.xml", work, softphone, FreePorts.mediaPair()).calls(1)
                .answerDelayMillis(700).start();
        SippResult call = Sipp.caller("caller.xml", work, sentral.sipPort(), "100").mediaPort(FreePorts.mediaPair())
                .calls(1).pauseMillis(500).run();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(soft.await().successful()).as("the softphone answered").isEqualTo(1);
        assertThat(deskPhone.await().successful()).as("the desk phone rang and was cancelled").isEqualTo(1);
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.member()).contains("Alice"));

        assertThat(register("register.xml", desk, "secret", 0).successful()).as("un-register the desk phone").isEqualTo(1);
        assertThat(sentral.server().b2bua().contactsOf("alice")).singleElement().asString().contains(":" + softphone);
    }

    @Test
    void aUserWithoutARegisteredPhoneIsSkippedAtOnce() throws Exception {
        int deskPort = FreePorts.udpAndTcp();
        start(58500, USERS, "[{user: alice}, {name: Desk, uri: 'sip:desk@127.0.0.1:" + deskPort + "'}]");
        Sipp desk = Sipp.member("member.xml", work, deskPort, FreePorts.mediaPair()).calls(1).start();

        long started = System.nanoTime();
        SippResult call = Sipp.caller("caller.xml", work, sentral.sipPort(), "100").mediaPort(FreePorts.mediaPair())
                .calls(1).pauseMillis(300).run();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(call.successful()).as(call.toString()).isEqualTo(1);
        assertThat(desk.await().successful()).isEqualTo(1);
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.member()).contains("Desk"));
        // alice has no phone registered: her offer fails at once instead of ringing out its 20 s
        assertThat(millis).as("no 20 s wait for an unregistered user").isLessThan(10_000);
    }

    @Test
    void wrongPasswordsAreChallengedThenRefusedThenIgnored() throws Exception {
        start(59000, USERS);
        int port = FreePorts.udpAndTcp();

        for (int i = 1; i <= 4; i++) {
            assertThat(register("register-wrong-password.xml", port, "guess" + i, 3600).successful())
                    .as("attempt %d: challenged again", i).isEqualTo(1);
        }
        assertThat(register("register-blocked.xml", port, "guess5", 3600).successful())
                .as("fifth failure within a minute: 403").isEqualTo(1);
        assertThat(register("register.xml", port, "secret", 3600).successful())
                .as("then ignored for a while, even with the right password").isZero();
        assertThat(sentral.server().b2bua().contactsOf("alice")).isEmpty();
    }

    @Test
    void sha256DigestRegistersAndUnknownUsersGet404() throws Exception {
        start(59500, USERS);
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(3000);
            int local = phone.getLocalPort();
            String unknown = send(phone, register("carol", local, 1, ""));
            assertThat(unknown).startsWith("SIP/2.0 404");

            String challenge = send(phone, register("bob", local, 1, ""));
            assertThat(challenge).startsWith("SIP/2.0 401");
            Matcher sha = Pattern.compile("WWW-Authenticate: Digest [^\\r\\n]*algorithm=SHA-256[^\\r\\n]*").matcher(challenge);
            assertThat(sha.find()).as("SHA-256 offered (first): " + challenge).isTrue();
            assertThat(challenge.indexOf("algorithm=SHA-256")).isLessThan(challenge.indexOf("algorithm=MD5"));
            Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(sha.group());
            assertThat(nonce.find()).isTrue();

            String uri = "sip:127.0.0.1:" + sentral.sipPort();
            String ha1 = "c6af095f36dbcd86d33d35c503da92b5a756c7f35709bf3d3608764dfc9c2ccc";
            String response = Digest.SHA_256.expectedResponse(ha1, nonce.group(1), "00000001", "0a4f113b", "REGISTER", uri);
            String auth = "Authorization: Digest username=\"bob\", realm=\"sentral\", nonce=\"" + nonce.group(1)
                    + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=SHA-256, qop=auth, "
                    + "nc=00000001, cnonce=\"0a4f113b\"\r\n";
            String ok = send(phone, register("bob", local, 2, auth));
            assertThat(ok).startsWith("SIP/2.0 200").contains("Contact: <sip:bob@127.0.0.1:" + local + ">");
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> sentral.server().b2bua().contactsOf("bob").size() == 1);
    }

    private String register(String user, int localPort, int cseq, String auth) {
        return "REGISTER sip:127.0.0.1:" + sentral.sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-reg-" + user + "-" + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=t-" + user + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: reg-" + user + "-" + localPort + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort + ">\r\n"
                + "Expires: 600\r\n" + auth
                + "Content-Length: 0\r\n\r\n";
    }

    private String send(DatagramSocket socket, String message) throws Exception {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), sentral.sipPort()));
        byte[] in = new byte[8192];
        DatagramPacket p = new DatagramPacket(in, in.length);
        socket.receive(p);
        return new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
