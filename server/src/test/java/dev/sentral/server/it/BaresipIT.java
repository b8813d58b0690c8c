package dev.sentral.server.it;

import dev.sentral.routing.hunt.RoutingOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real softphone: Debian's baresip registers to Sentral as a user (digest auth), is rung as a hunt-plan
 * member when a SIPp caller dials the number, answers by itself, and the two talk through Sentral's media
 * (baresip sends a 440 Hz tone; its decoder dump shows what reached it). {@code .ci/run} installs baresip;
 * on a developer machine without it the test is skipped, under {@code CI=true} it fails.
 */
class BaresipIT {
    // HA1 = H("alice:sentral:secret")
    private static final String CONFIG = """
            users:
              - {name: alice, displayName: Alice, ha1Md5: 128948d22e1dae9acee9a39371956425}
            numbers: [{number: '100', huntPlan: desk}]
            huntPlans:
              - id: desk
                members: [{user: alice}]
            """;

    @TempDir
    Path work;

    private TestSentral sentral;
    private Process baresip;
    private final List<RoutingOutcome> outcomes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (baresip != null && baresip.isAlive()) {
            baresip.destroy();
            if (!baresip.waitFor(5, TimeUnit.SECONDS)) {
                baresip.destroyForcibly();
            }
        }
        if (sentral != null) {
            sentral.closeChecked();
        }
    }

    private static boolean installed() {
        return Stream.of("/usr/bin/baresip", "/usr/local/bin/baresip").anyMatch(p -> new File(p).canExecute());
    }

    @Test
    void baresipRegistersAnswersACallAndTalks() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed()).as("CI installs baresip (.ci/run)").isTrue();
        }
        Assumptions.assumeTrue(installed(), "baresip is not installed (apt-get install baresip)");
        int sipPort = FreePorts.udpAndTcp();
        // Sentral's RTP below baresip's 38900–38999
        sentral = TestSentral.start(TestSentral.header(sipPort, 38000, 38499, "") + CONFIG);
        sentral.server().b2bua().addRoutingListener(outcomes::add);

        int phonePort = FreePorts.udpAndTcp();
        Path conf = Files.createDirectories(work.resolve("baresip"));
        Files.writeString(conf.resolve("config"), """
                poll_method epoll
                sip_listen 127.0.0.1:%d
                sip_transports udp
                net_interface 127.0.0.1
                audio_player aufile,/dev/null
                audio_source ausine,440
                audio_alert aufile,/dev/null
                ausrc_srate 48000
                auplay_srate 48000
                ausrc_channels 2
                rtp_ports 38900-38999
                module_path /usr/lib/baresip/modules
                module g711.so
                module ausine.so
                module aufile.so
                module sndfile.so
                module_app account.so
                module_app menu.so
                """.formatted(phonePort));
        // A softphone's account: registers to Sentral (digest), answers incoming calls by itself, G.711 A-law.
        Files.writeString(conf.resolve("accounts"), "<sip:alice@127.0.0.1:" + sipPort + ";transport=udp>"
                + ";auth_pass=secret;answermode=auto;regint=600;audio_codecs=PCMA\n");
        baresip = new ProcessBuilder("baresip", "-f", conf.toString(), "-t", "60")
                .directory(conf.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(conf.resolve("baresip.log").toFile()).start();

        await().atMost(Duration.ofSeconds(15)).until(() -> !sentral.server().b2bua().contactsOf("alice").isEmpty());
        assertThat(sentral.server().b2bua().contactsOf("alice")).singleElement().asString()
                .contains("@127.0.0.1:" + phonePort);

        SippResult caller = Sipp.caller("caller.xml", work, sipPort, "100").mediaPort(FreePorts.mediaPair())
                .calls(1).pauseMillis(4000).timeout(Duration.ofSeconds(30)).run();

        assertThat(caller.successful()).as(caller + "\nbaresip: " + Files.readString(conf.resolve("baresip.log")))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(RoutingOutcome.Kind.ANSWERED);
            assertThat(o.member()).contains("Alice");
        });
        var stats = sentral.server().b2bua().stats();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.activeCalls() == 0);
        // 4 s of talk at 50 packets/s each way, relayed by Sentral
        assertThat(stats.rtpFromMembers()).as("RTP from baresip").isGreaterThan(100);
        assertThat(stats.rtpToMembers()).as("the caller's RTP relayed to baresip").isGreaterThan(100);
        try (Stream<Path> dumps = Files.list(conf)) {
            Path heard = dumps.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("baresip dumped no decoded audio"));
            // 8 kHz 16-bit: one second is 16,000 bytes; the caller talked for 4 s
            assertThat(Files.size(heard)).as("audio baresip decoded").isGreaterThan(2 * 16_000L);
        }
    }
}
