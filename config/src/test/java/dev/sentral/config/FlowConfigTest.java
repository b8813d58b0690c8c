package dev.sentral.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Call flows, feature codes, store and trunk settings: read, and every mistake named with its path. */
class FlowConfigTest {
    private static final String BASE = """
            numbers: [{number: '100', flow: main}]
            trunks: [{id: telco, host: 127.0.0.1, port: 5090, allowFrom: [192.0.2.7]}]
            huntPlans:
              - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}]}
            """;

    @Test
    void aFlowIsReadWithTransfersBecomingOneMemberPlans() throws Exception {
        SentralConfig c = ConfigLoader.parse(BASE + """
                featureCodes: {logIn: '*31', plans: [{huntPlan: sales, logIn: '*311', logOut: '*321'}]}
                store: {url: 'jdbc:postgresql://127.0.0.1/sentral', user: sentral, password: secret}
                flow:
                  main: {type: menu, prompt: welcome, keys: {'1': sales, '2': mobile}, otherwise: sales}
                  sales: {type: queue, huntPlan: sales}
                  mobile: {type: transfer, to: {number: '+45 20 30 40 60'}}
                """, "flow.yaml");
        FlowElement.Menu menu = (FlowElement.Menu) c.flowElement("main").orElseThrow();
        assertThat(menu.keys()).containsEntry("1", "sales").containsEntry("2", "mobile");
        assertThat(menu.noInputTimeout()).isEqualTo(ConfigDefaults.MENU_NO_INPUT_TIMEOUT);
        assertThat(menu.retries()).isEqualTo(ConfigDefaults.MENU_RETRIES);
        HuntPlanConfig transfer = c.huntPlan("flow.mobile").orElseThrow();
        assertThat(transfer.members()).singleElement().extracting(MemberConfig::uri)
                .isEqualTo("sip:+4520304060@127.0.0.1:5090;user=phone");
        assertThat(c.numbers().get(0).flow()).contains("main");
        assertThat(c.featureCodes().lookup("*31")).contains(new FeatureCodes.Request(true, java.util.Optional.empty()));
        assertThat(c.featureCodes().lookup("*22")).contains(new FeatureCodes.Request(false, java.util.Optional.empty()));
        assertThat(c.featureCodes().lookup("*321")).contains(new FeatureCodes.Request(false, java.util.Optional.of("sales")));
        assertThat(c.store().isPostgres()).isTrue();
        assertThat(c.store().toString()).doesNotContain("secret");
        assertThat(c.trunks().get(0).allowFrom()).containsExactly("192.0.2.7");
    }

    @Test
    void theDefaultStoreIsAnH2FileUnderData() throws Exception {
        SentralConfig c = ConfigLoader.parse(BASE.replace("flow: main", "huntPlan: sales"), "x.yaml");
        assertThat(c.store().url()).startsWith("jdbc:h2:file:").endsWith("data/sentral");
        assertThat(c.featureCodes().logIn()).isEqualTo("*21");
    }

    @Test
    void flowMistakesAreNamedWithTheirPaths() {
        String yaml = BASE + """
                featureCodes: {logIn: '*2x', logOut: '100'}
                flow:
                  main: {type: menu, prompt: nosuch, keys: {'1': sales, 'x': sales, '2': gone}, otherwise: sales}
                  sales: {type: queue, huntPlan: nope}
                  orphan: {type: voicemail}
                  a: {type: link, to: b}
                  b: {type: check-hours, openingHours: office, open: a, closed: a}
                  c: {type: teleport}
                  d: {type: play, sound: welcome, next: d, colour: red}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yaml"));
        assertThat(e.problems()).contains(
                "flow.main.keys.x: 'x' is not a key choice; use 0–9, * and # (up to 8 of them)",
                "flow.main.keys.2: no element 'gone'; known: a, b, d, main, orphan, sales",
                "flow.main.prompt: no sound 'nosuch'; add it under sounds.prompts (id, file), or use a greeting",
                "flow.sales.huntPlan: no hunt plan has id 'nope'",
                "flow.orphan: no number's flow reaches this element; link to it or remove it",
                "flow.c.type: 'teleport' is not an element type; use one of menu, queue, play, check-hours, link, transfer, voicemail, vip",
                "flow.d.colour: unknown key; allowed here: language, next, sound, type",
                "featureCodes.logIn: '*2x' is not a code a phone can dial; use 2–16 of 0–9, * and #, e.g. *21",
                "featureCodes: '100' is also one of the numbers Sentral answers; change one");
        assertThat(e.problems()).anyMatch(p -> p.startsWith("flow.b.openingHours: no opening hours 'office'"));
        assertThat(e.problems()).anyMatch(p -> p.contains("a → b → a loop without a menu"));
        assertThat(e.problems()).anyMatch(p -> p.contains("d → d loop without a menu"));
    }

    @Test
    void queuesAndTransfersMayNameWhereACallerTheyCannotTakeGoesOn() throws Exception {
        SentralConfig c = ConfigLoader.parse(BASE + """
                flow:
                  main: {type: menu, prompt: welcome, keys: {'1': sales, '2': mobile}, otherwise: sales}
                  sales: {type: queue, huntPlan: sales, otherwise: mobile}
                  mobile: {type: transfer, to: {number: '+45 20 30 40 60'}, otherwise: main}
                """, "flow.yaml");
        assertThat(((FlowElement.Queue) c.flowElement("sales").orElseThrow()).otherwise()).contains("mobile");
        assertThat(((FlowElement.Transfer) c.flowElement("mobile").orElseThrow()).otherwise()).contains("main");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(BASE + """
                flow:
                  main: {type: queue, huntPlan: sales, otherwise: mobile}
                  mobile: {type: transfer, to: {number: '+45 20 30 40 60'}, otherwise: back}
                  back: {type: link, to: main}
                  spare: {type: queue, huntPlan: sales, otherwise: nowhere}
                """, "bad.yaml"));
        assertThat(e.problems()).contains("flow.spare.otherwise: no element 'nowhere'; known: back, main, mobile, spare");
        assertThat(e.problems()).anyMatch(p -> p.contains("main → mobile → back → main loop without a menu"));
    }

    @Test
    void aNumberTakesAPlanOrAFlowNotBoth() {
        String yaml = BASE.replace("flow: main", "flow: main, huntPlan: sales") + """
                flow:
                  main: {type: queue, huntPlan: sales}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yaml"));
        assertThat(e.problems()).contains("numbers[0]: give either huntPlan (calls go straight to the plan) or flow "
                + "(calls start at that element), not both");
    }

    @Test
    void overflowToAnOutsideNumberRingsItThroughTheTrunk() throws Exception {
        SentralConfig c = ConfigLoader.parse(BASE.replace("flow: main", "huntPlan: sales")
                .replace("members: [{uri: 'sip:s@127.0.0.1:5999'}]}",
                        "members: [{uri: 'sip:s@127.0.0.1:5999'}], overflow: {to: number, number: '+45 20 30 40 60'}}"),
                "outside.yaml");
        HuntPlanConfig outside = c.huntPlan("outside.+4520304060").orElseThrow();
        assertThat(outside.isDerived()).isTrue();
        assertThat(outside.members()).singleElement().satisfies(m -> {
            assertThat(m.uri()).isEqualTo("sip:+4520304060@127.0.0.1:5090;user=phone");
            assertThat(m.ringTimeout()).contains(java.time.Duration.ofSeconds(40));
        });
        assertThat(outside.overflow().to()).isEqualTo(OverflowConfig.Destination.MESSAGE);
    }

    @Test
    void callsCannotBeSentOnToANumberWithAFlow() {
        String yaml = """
                numbers: [{number: '100', huntPlan: sales}, {number: '200', flow: menu}]
                huntPlans:
                  - {id: sales, members: [{uri: 'sip:s@127.0.0.1:5999'}], overflow: {to: number, number: '200'}}
                flow:
                  menu: {type: queue, huntPlan: sales}
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yaml"));
        assertThat(e.problems()).containsExactly("huntPlans[0].overflow.number: '200' starts a call flow; calls can be "
                + "sent on only to a number with a hunt plan (or an outside number)");
    }
}
