package dev.sentral.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            numbers:
              - number: "100"
                huntPlan: sales
            huntPlans:
              - id: sales
                members:
                  - uri: sip:anna@127.0.0.1:5071
            """;

    @Test
    void bundledExampleLoadsWithItsThreeMembers() throws Exception {
        SentralConfig config = ConfigLoader.load(Path.of("example.yaml"));

        assertThat(config.sip().port()).isEqualTo(5060);
        assertThat(config.sip().transports()).containsExactlyInAnyOrder(Transport.UDP, Transport.TCP);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.number("+4570102000")).isPresent();
        HuntPlanConfig plan = config.huntPlan("reception").orElseThrow();
        assertThat(plan.members()).extracting(MemberConfig::name).containsExactly("Alice", "Bob", "Carol");
        assertThat(plan.ringTimeoutFor(plan.members().get(0))).isEqualTo(Duration.ofSeconds(20));
        assertThat(plan.ringTimeoutFor(plan.members().get(2))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void absentSectionsTakeTheDocumentedDefaults() throws Exception {
        SentralConfig config = ConfigLoader.parse(MINIMAL, "minimal.yaml");

        assertThat(config.sip().bindAddress()).isEqualTo(ConfigDefaults.SIP_BIND_ADDRESS);
        assertThat(config.sip().advertisedAddress()).isEqualTo(ConfigDefaults.SIP_BIND_ADDRESS);
        assertThat(config.media().rtpPortMin()).isEqualTo(ConfigDefaults.RTP_PORT_MIN);
        assertThat(config.shutdown().drainTime()).isEqualTo(ConfigDefaults.SHUTDOWN_DRAIN_TIME);
        assertThat(config.huntPlans().get(0).strategy()).isEqualTo(HuntStrategy.PRIORITY_LIST);
        assertThat(config.huntPlans().get(0).ringTimeout()).isEqualTo(ConfigDefaults.RING_TIMEOUT);
    }

    @Test
    void dialledNumbersMatchWithoutSeparators() throws Exception {
        SentralConfig config = ConfigLoader.parse(MINIMAL.replace("\"100\"", "\"+45 70-10 20 00\""), "x.yaml");

        assertThat(config.number("+4570102000")).isPresent();
        assertThat(config.number("4570102000")).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        String yaml = """
                sip:
                  port: 70000
                  transports: [udp, sctp]
                media:
                  rtpPortMin: 20001
                numbers:
                  - number: "100"
                    huntPlan: nowhere
                huntPlans:
                  - id: sales
                    strategy: random
                    ringTimeoutSeconds: 10
                    members:
                      - uri: sip:a@127.0.0.1
                      - uri: sip:b@127.0.0.1
                      - uri: sip:c@127.0.0.1
                      - uri: sip:d@127.0.0.1
                        ringTimeoutSeconds: 45
                      - uri: mailto:e@example.com
                        ringTimout: 20
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yaml"));

        assertThat(e.source()).isEqualTo("bad.yaml");
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "sip.port: 70000 is outside 1..65535",
                "sip.transports: 'sctp' is not a transport; use udp and/or tcp",
                "media.rtpPortMin: 20001 is odd; RTP uses even ports (RTCP the odd one above), use 20002",
                "huntPlans[0].strategy: 'random' is not a strategy; use one of [priority-list]",
                "huntPlans[0].ringTimeoutSeconds: 10 is outside 15..40",
                "huntPlans[0].members[3].ringTimeoutSeconds: 45 is outside 15..40",
                "huntPlans[0].members[4].ringTimout: unknown key; allowed here: name, ringTimeoutSeconds, uri",
                "huntPlans[0].members[4].uri: 'mailto:e@example.com' is not a SIP URI; write it like sip:alice@192.0.2.10:5060",
                "numbers[0].huntPlan: no hunt plan has id 'nowhere'; known ids: sales");
        assertThat(e.getMessage()).startsWith("bad.yaml: 9 problems");
    }

    @Test
    void aPlanWithMoreThan25MembersIsRejected() {
        StringBuilder yaml = new StringBuilder("numbers: [{number: '1', huntPlan: big}]\nhuntPlans:\n  - id: big\n    members:\n");
        for (int i = 0; i < 26; i++) {
            yaml.append("      - uri: sip:m").append(i).append("@127.0.0.1\n");
        }

        assertThatThrownBy(() -> ConfigLoader.parse(yaml.toString(), "big.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("huntPlans[0].members: 26 members; a plan holds at most 25");
    }

    @Test
    void missingRequiredFieldsAndDuplicatesAreNamed() {
        String yaml = """
                numbers:
                  - name: no number here
                  - number: "200"
                    huntPlan: a
                  - number: "200"
                    huntPlan: a
                huntPlans:
                  - id: a
                    members: []
                  - id: a
                    members: [{uri: "sip:x@127.0.0.1"}]
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "dup.yaml"));

        assertThat(e.problems()).contains(
                "numbers[0].number: is required",
                "numbers[0].huntPlan: is required",
                "numbers[2].number: '200' is listed twice",
                "huntPlans[0].members: must list at least one member",
                "huntPlans[1].id: 'a' is used by an earlier plan; ids must be unique");
    }

    @Test
    void yamlSyntaxErrorsCarryLineAndColumn() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("numbers:\n  - number: [unclosed\n", "broken.yaml"));

        assertThat(e.problems()).singleElement().asString().startsWith("not valid YAML (line ");
    }

    @Test
    void aMissingFileSaysSo() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Path.of("does-not-exist.yaml")));

        assertThat(e.getMessage()).contains("does-not-exist.yaml").contains("file not found");
    }
}
