package dev.sentral.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        assertThat(plan.overflow().number()).contains("+4570102099");
        assertThat(plan.offerLimit()).isEqualTo(OfferLimit.time(Duration.ofMinutes(5)));
        assertThat(plan.vip()).containsExactly("+4520304050");
        HuntPlanConfig backup = config.huntPlan("backup").orElseThrow();
        assertThat(backup.strategy()).isEqualTo(HuntStrategy.SIMULTANEOUS);
        assertThat(backup.queue().enabled()).isFalse();
        assertThat(backup.members().get(0).key()).isEqualTo(plan.members().get(1).key());
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
                "huntPlans[0].strategy: 'random' is not a strategy; use one of [priority-list, longest-idle, "
                        + "simultaneous, priority-levels, round-robin]",
                "huntPlans[0].ringTimeoutSeconds: 10 is outside 15..40",
                "huntPlans[0].members[3].ringTimeoutSeconds: 45 is outside 15..40",
                "huntPlans[0].members[4].ringTimout: unknown key; allowed here: active, callWaiting, level, "
                        + "maxCalls, name, number, ringTimeoutSeconds, trunk, uri, user",
                "huntPlans[0].members[4].uri: 'mailto:e@example.com' is not a SIP URI; write it like "
                        + "sip:alice@192.0.2.10:5060, or give number: for an outside number reached through a trunk",
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

    @Test
    void huntPlanOptionsAreRead() throws Exception {
        String yaml = """
                numbers:
                  - {number: "100", huntPlan: sales}
                  - {number: "200", huntPlan: backup}
                huntPlans:
                  - id: sales
                    strategy: priority-levels
                    ringTimeoutSeconds: 15
                    queue: {capacity: 3, whenNobodyActive: true}
                    offerLimit: {rounds: 2}
                    overflow: {to: number, number: "2 00"}
                    vip: ["+45 20 30 40 50"]
                    members:
                      - {uri: "sip:a@127.0.0.1:5071", level: 1, active: false}
                      - {uri: "sip:b@127.0.0.1:5072", callWaiting: true}
                  - id: backup
                    strategy: simultaneous
                    queue: {enabled: false}
                    offerLimit: {minutes: 3}
                    overflow: {to: voicemail}
                    members: [{uri: "sip:b@127.0.0.1:5072", maxCalls: 2}]
                """;
        SentralConfig config = ConfigLoader.parse(yaml, "plans.yaml");

        HuntPlanConfig sales = config.huntPlan("sales").orElseThrow();
        assertThat(sales.strategy()).isEqualTo(HuntStrategy.PRIORITY_LEVELS);
        assertThat(sales.queue()).isEqualTo(new QueueConfig(true, 3, true));
        assertThat(sales.offerLimit()).isEqualTo(OfferLimit.rounds(2));
        assertThat(sales.overflow().number()).contains("200");
        assertThat(sales.vip()).containsExactly("+4520304050");
        assertThat(sales.members().get(0).level()).isEqualTo(1);
        assertThat(sales.members().get(0).activeAtStart()).isFalse();
        assertThat(sales.members().get(1).maxCalls()).isEqualTo(2);
        HuntPlanConfig backup = config.huntPlan("backup").orElseThrow();
        assertThat(backup.queue().enabled()).isFalse();
        assertThat(backup.offerLimit()).isEqualTo(OfferLimit.time(Duration.ofMinutes(3)));
        assertThat(backup.overflow().to()).isEqualTo(OverflowConfig.Destination.VOICEMAIL);
    }

    @Test
    void huntPlanMistakesAreReportedWithTheirPaths() {
        String yaml = """
                numbers: [{number: "100", huntPlan: sales}]
                huntPlans:
                  - id: sales
                    strategy: random
                    ringTimeoutSeconds: 45
                    offerLimit: {rounds: 2, minutes: 1}
                    overflow: {to: number, number: "999"}
                    queue: {capacity: 0, enabled: maybe}
                    members:
                      - {uri: "sip:a@127.0.0.1:5071", level: -1, ringTimeoutSeconds: 10}
                      - {uri: "sip:A@127.0.0.1:5071"}
                      - {uri: "sip:c@127.0.0.1:5073", callWaiting: true, maxCalls: 3}
                  - id: other
                    members: [{uri: "sip:c@127.0.0.1:5073"}]
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yaml"));

        assertThat(e.problems()).contains(
                "huntPlans[0].strategy: 'random' is not a strategy; use one of [priority-list, longest-idle, "
                        + "simultaneous, priority-levels, round-robin]",
                "huntPlans[0].ringTimeoutSeconds: 45 is outside 15..40",
                "huntPlans[0].offerLimit: give either rounds or minutes, not both",
                "huntPlans[0].overflow.number: '999' is not one of the numbers Sentral answers, and an outside number "
                        + "needs a trunk to reach it; add one under trunks (id, host, port)",
                "huntPlans[0].queue.capacity: 0 is outside 1..1000",
                "huntPlans[0].queue.enabled: must be true or false, found 'maybe'",
                "huntPlans[0].members[0].level: -1 is outside 0..9",
                "huntPlans[0].members[0].ringTimeoutSeconds: 10 is outside 15..40",
                "huntPlans[0].members[1].uri: 'sip:A@127.0.0.1:5071' is already a member of this plan; list each phone once",
                "huntPlans[0].members[2].maxCalls: give either callWaiting (2 calls) or maxCalls, not both",
                "huntPlans[1].members[0].maxCalls: sip:c@127.0.0.1:5073 takes 1 call(s) here but 3 at "
                        + "huntPlans[0].members[2]; one phone has one capacity in every plan");
    }

    @Test
    void aPlanHoldsAtMost25Members() {
        StringBuilder yaml = new StringBuilder("numbers: [{number: \"100\", huntPlan: big}]\nhuntPlans:\n  - id: big\n    members:\n");
        for (int i = 0; i < 26; i++) {
            yaml.append("      - {uri: \"sip:m").append(i).append("@127.0.0.1\"}\n");
        }
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml.toString(), "big.yaml"));

        assertThat(e.problems()).contains("huntPlans[0].members: 26 members; a plan holds at most 25 (split it into two plans)");
    }

    @Test
    void anExternalMemberIsRungThroughTheTrunk() throws Exception {
        String yaml = """
                trunks:
                  - {id: telco, host: 127.0.0.1, port: 5090}
                  - {id: backup, host: sbc.example.net, transport: tcp}
                numbers: [{number: "100", huntPlan: p}]
                huntPlans:
                  - id: p
                    members:
                      - {name: Erik mobile, number: "+45 20 30 40 50", trunk: telco}
                      - {number: "+4522222222", trunk: backup}
                """;
        SentralConfig config = ConfigLoader.parse(yaml, "trunk.yaml");

        List<MemberConfig> members = config.huntPlans().get(0).members();
        assertThat(members.get(0).uri()).isEqualTo("sip:+4520304050@127.0.0.1:5090;user=phone");
        assertThat(members.get(0).name()).isEqualTo("Erik mobile");
        assertThat(members.get(1).uri()).isEqualTo("sip:+4522222222@sbc.example.net:5060;user=phone;transport=tcp");
        assertThat(members.get(1).name()).isEqualTo("+4522222222");
    }

    @Test
    void anExternalMemberWithoutATrunkSaysHowToFixIt() {
        String yaml = """
                numbers: [{number: "100", huntPlan: p}]
                huntPlans:
                  - id: p
                    members:
                      - {number: "+4520304050"}
                      - {number: "+4520304051", trunk: nowhere}
                      - {uri: "sip:a@127.0.0.1", number: "+4520304052"}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yaml"));

        assertThat(e.problems()).contains(
                "huntPlans[0].members[0].number: an outside number needs a trunk to reach it; add one under trunks (id, host, port)",
                "huntPlans[0].members[1].trunk: no trunk has id 'nowhere'; known ids: (none)",
                "huntPlans[0].members[2]: give one of uri (a phone Sentral reaches directly), number (an outside "
                        + "number, through a trunk) or user (a registered user: all their phones ring)");
    }

    @Test
    void usersRegisterWithHashesAndRingAsMembers() throws Exception {
        String yaml = """
                sip: {advertisedAddress: 192.0.2.10, realm: example}
                users:
                  - {name: alice, displayName: Alice Andersen, ha1Md5: 0123456789ABCDEF0123456789abcdef}
                numbers: [{number: "100", huntPlan: p}]
                huntPlans:
                  - id: p
                    members: [{user: alice}]
                """;
        SentralConfig config = ConfigLoader.parse(yaml, "users.yaml");

        MemberConfig alice = config.huntPlans().get(0).members().get(0);
        assertThat(alice.user()).contains("alice");
        assertThat(alice.uri()).isEqualTo("sip:alice@192.0.2.10");
        assertThat(alice.name()).isEqualTo("Alice Andersen");
        assertThat(config.user("alice").orElseThrow().ha1Md5()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(config.sip().realm()).isEqualTo("example");
    }

    @Test
    void aPlainPasswordOrABadHashIsRefused() {
        String yaml = """
                users:
                  - {name: alice, password: secret, ha1Md5: nothex}
                numbers: [{number: "100", huntPlan: p}]
                huntPlans:
                  - id: p
                    members: [{user: bob}]
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "u.yaml"));

        assertThat(e.problems()).contains(
                "users[0].password: plain passwords are not stored; run ./sentral hash-password <name> and paste its "
                        + "ha1Md5 and ha1Sha256 lines instead",
                "users[0].ha1Md5: must be 32 hex digits, as printed by ./sentral hash-password alice",
                "huntPlans[0].members[0].user: no user named 'bob'; list it under users");
    }

    @Test
    void soundsAreFoundNextToTheConfigurationAndChecked(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("sounds"));
        java.nio.file.Files.write(dir.resolve("sounds/hello.wav"), new byte[]{1});
        java.nio.file.Files.write(dir.resolve("sounds/song.mp3"), new byte[]{1});
        Path file = dir.resolve("sentral.yaml");
        java.nio.file.Files.writeString(file, """
                sounds:
                  greetings: [{id: hello, file: sounds/hello.wav}]
                  musicLists: [{id: songs, files: [sounds/song.mp3]}]
                numbers: [{number: "100", huntPlan: p, greeting: hello}, {number: "200", huntPlan: p, greeting: welcome}]
                huntPlans: [{id: p, musicList: songs, members: [{uri: "sip:a@127.0.0.1"}]}]
                """);
        SentralConfig config = ConfigLoader.load(file);

        assertThat(config.sounds().greetingUrl("hello", "en")).contains(dir.resolve("sounds/hello.wav").toString());
        assertThat(config.sounds().greetingUrl("welcome", "da")).contains("classpath:prompts/da/welcome.wav");
        assertThat(config.sounds().musicUrls("songs")).containsExactly(dir.resolve("sounds/song.mp3").toString());
        assertThat(config.sounds().musicUrls("default")).hasSize(3);
        assertThat(config.huntPlans().get(0).musicList()).isEqualTo("songs");
    }

    @Test
    void soundMistakesNameTheFileAndTheFix(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentral.yaml");
        java.nio.file.Files.writeString(file, """
                sounds:
                  greetings:
                    - {id: a, file: missing.wav}
                    - {id: b, file: old.wma}
                    - {id: c, file: missing.wav}
                    - {id: d, file: missing.wav}
                    - {id: e, file: missing.wav}
                numbers: [{number: "100", huntPlan: p, greeting: nope}]
                huntPlans: [{id: p, musicList: jazz, members: [{uri: "sip:a@127.0.0.1"}]}]
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e.problems()).contains(
                "sounds.greetings: 5 greetings; at most 4 can be active (remove one)",
                "sounds.greetings[0].file: 'missing.wav' (" + dir.resolve("missing.wav") + ") does not exist or cannot be read",
                "sounds.greetings[1].file: 'old.wma' is WMA, which Sentral cannot decode; convert it to WAV or MP3, "
                        + "e.g. ffmpeg -i in.wma -ar 8000 -ac 1 out.wav",
                "numbers[0].greeting: no greeting 'nope'; use welcome (shipped) or one of sounds.greetings",
                "huntPlans[0].musicList: no music list 'jazz'; use default (shipped) or one of sounds.musicLists");
    }

    @Test
    void openingHoursAreReadWithTheirGreetingsAndClosedDestination() throws Exception {
        String yaml = """
                openingHours:
                  - id: office
                    week: {monday: ["08:00-12:00", "12:30-16:00"], saturday: ["10:00-24:00"]}
                    special:
                      - {date: 2026-12-24, closed: true}
                      - {date: 2026-12-31, hours: ["09:00-12:00"]}
                    greetings: {normalOpen: welcome, specialClosed: welcome}
                    whenClosed: {to: voicemail}
                numbers: [{number: "100", huntPlan: p, openingHours: office}]
                huntPlans: [{id: p, members: [{uri: "sip:a@127.0.0.1"}]}]
                """;
        SentralConfig config = ConfigLoader.parse(yaml, "hours.yaml");

        OpeningHoursConfig h = config.openingHours("office").orElseThrow();
        assertThat(h.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/Copenhagen"));
        assertThat(h.week().get(java.time.DayOfWeek.MONDAY)).hasSize(2);
        assertThat(h.week().get(java.time.DayOfWeek.SATURDAY).get(0).to()).as("24:00 is midnight").isNull();
        assertThat(h.special()).hasSize(2);
        assertThat(h.special().get(0).hours()).isEmpty();
        assertThat(h.greetings().forSlot(false, true)).contains("welcome");
        assertThat(h.greetings().forSlot(false, false)).isEmpty();
        assertThat(h.whenClosed().to()).isEqualTo(OverflowConfig.Destination.VOICEMAIL);
    }

    @Test
    void openingHoursMistakesSayHowToWriteIt() {
        String yaml = """
                openingHours:
                  - id: office
                    timeZone: Mars/Olympus
                    week: {mondag: ["08:00-16:00"], tuesday: ["22:00-06:00", "8-16"]}
                    special: [{date: 24-12-2026, closed: true, hours: ["09:00-12:00"]}]
                    greetings: {normalOpen: jingle}
                numbers: [{number: "100", huntPlan: p, openingHours: shop}]
                huntPlans: [{id: p, members: [{uri: "sip:a@127.0.0.1"}]}]
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "h.yaml"));

        assertThat(e.problems()).contains(
                "openingHours[0].timeZone: 'Mars/Olympus' is not a time zone; use a name like Europe/Copenhagen",
                "openingHours[0].week.mondag: unknown key; allowed here: friday, monday, saturday, sunday, thursday, tuesday, wednesday",
                "openingHours[0].week.tuesday: '22:00-06:00' ends before it starts; an interval over midnight is two: "
                        + "22:00-24:00 and 00:00-06:00 the next day",
                "openingHours[0].week.tuesday: '8-16' is not an interval; write it like 08:00-16:00 (24:00 for midnight)",
                "openingHours[0].special[0].date: '24-12-2026' is not a date; write it as 2026-12-24",
                "openingHours[0].special[0]: give either closed: true or hours: [\"09:00-12:00\"]",
                "openingHours[0].greetings: no greeting 'jingle'; use welcome (shipped) or one of sounds.greetings",
                "numbers[0].openingHours: no opening hours 'shop'; list them under openingHours");
    }
}
