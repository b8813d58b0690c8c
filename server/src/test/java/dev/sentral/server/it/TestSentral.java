package dev.sentral.server.it;

import dev.sentral.config.ConfigLoader;
import dev.sentral.config.SentralConfig;
import dev.sentral.server.SentralServer;

import java.io.IOException;
import java.util.List;

/**
 * A real Sentral (JAIN-SIP stack, Netty RTP) started in this JVM on free loopback ports, with a hunt plan
 * whose members are SIPp processes on the given ports.
 */
public final class TestSentral implements AutoCloseable {
    public static final String MAIN_NUMBER = "4570102000";

    private static final java.util.concurrent.atomic.AtomicInteger STORES = new java.util.concurrent.atomic.AtomicInteger();
    private final SentralServer server;
    private final int sipPort;

    private TestSentral(SentralServer server, int sipPort) {
        this.server = server;
        this.sipPort = sipPort;
    }

    /**
     * Members are named m1, m2, … in list order, each at sip:mN@127.0.0.1:port. Each SIPp member process stands
     * in for many phones (maxCalls 1000), so these tests exercise SIP, not busy/free presence.
     */
    public static TestSentral start(int rtpPortMin, int ringTimeoutSeconds, int drainSeconds, List<Integer> memberPorts)
            throws Exception {
        return start(rtpPortMin, ringTimeoutSeconds, drainSeconds, memberPorts, "");
    }

    /** As above, with more keys for the plan (YAML flow mappings, one per line, e.g. {@code queue: {enabled: false}}). */
    public static TestSentral start(int rtpPortMin, int ringTimeoutSeconds, int drainSeconds, List<Integer> memberPorts,
                                    String planOptions) throws Exception {
        String yaml = yaml(FreePorts.udpAndTcp(), rtpPortMin, ringTimeoutSeconds, drainSeconds, memberPorts);
        StringBuilder extra = new StringBuilder();
        planOptions.lines().forEach(l -> extra.append("    ").append(l).append('\n'));
        return start(yaml.replace("    members:\n", extra + "    members:\n"));
    }

    public static TestSentral start(String yaml) throws Exception {
        return start(yaml, java.time.Clock.systemUTC());
    }

    /** With a clock of the test's choosing: opening hours are decided by it. */
    public static TestSentral start(String yaml, java.time.Clock clock) throws Exception {
        if (!yaml.contains("\nstore:") && !yaml.startsWith("store:")) {
            // Each test its own empty database, so presence set by one test never leaks into the next.
            yaml = yaml + "store: {url: 'jdbc:h2:mem:sentral-test-" + STORES.incrementAndGet() + "'}\n";
        }
        SentralConfig config = ConfigLoader.parse(yaml, "test.yaml");
        SentralServer server = new SentralServer(config, clock);
        server.start();
        return new TestSentral(server, config.sip().port());
    }

    /**
     * The settings every socket test starts with: SIP on {@code sipPort} (with {@code sipExtra}, e.g.
     * {@code ", numbersFrom: trunks"}), HTTP on a free port, RTP in the given range, a 1 s drain.
     */
    public static String header(int sipPort, int rtpPortMin, int rtpPortMax, String sipExtra) {
        return "sip: {bindAddress: 127.0.0.1, port: " + sipPort + sipExtra + "}\n"
                + "http: {bindAddress: 127.0.0.1, port: 0}\n"
                + "media: {address: 127.0.0.1, rtpPortMin: " + rtpPortMin + ", rtpPortMax: " + rtpPortMax + "}\n"
                + "shutdown: {drainSeconds: 1}\n";
    }

    /** As above, with a thousand RTP ports from {@code rtpPortMin}. */
    public static String header(int sipPort, int rtpPortMin) {
        return header(sipPort, rtpPortMin, rtpPortMin + 999, "");
    }

    public static String yaml(int sipPort, int rtpPortMin, int ringTimeoutSeconds, int drainSeconds,
                              List<Integer> memberPorts) throws IOException {
        return yaml(sipPort, 0, rtpPortMin, ringTimeoutSeconds, drainSeconds, memberPorts);
    }

    public static String yaml(int sipPort, int httpPort, int rtpPortMin, int ringTimeoutSeconds, int drainSeconds,
                              List<Integer> memberPorts) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("sip: {bindAddress: 127.0.0.1, port: ").append(sipPort).append("}\n");
        sb.append("http: {bindAddress: 127.0.0.1, port: ").append(httpPort).append("}\n");
        sb.append("media: {address: 127.0.0.1, rtpPortMin: ").append(rtpPortMin)
                .append(", rtpPortMax: ").append(rtpPortMin + 999).append(", inactivityTimeoutSeconds: 30}\n");
        sb.append("shutdown: {drainSeconds: ").append(drainSeconds).append("}\n");
        sb.append("numbers: [{number: '").append(MAIN_NUMBER).append("', huntPlan: main}]\n");
        sb.append("huntPlans:\n  - id: main\n    ringTimeoutSeconds: ").append(ringTimeoutSeconds).append("\n    members:\n");
        for (int i = 0; i < memberPorts.size(); i++) {
            sb.append("      - {name: m").append(i + 1).append(", uri: 'sip:m").append(i + 1)
                    .append("@127.0.0.1:").append(memberPorts.get(i)).append("', maxCalls: 1000}\n");
        }
        return sb.toString();
    }

    public int sipPort() {
        return sipPort;
    }

    public SentralServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Closes after checking that no call state machine met an event it has no transition for and no task
     * threw on a call's thread: both are bugs whatever the test was about.
     */
    public void closeChecked() {
        try {
            org.assertj.core.api.Assertions.assertThat(server.b2bua().stats().unhandledEvents())
                    .as("unhandled FSM events").isZero();
            org.assertj.core.api.Assertions.assertThat(server.b2bua().stats().callTaskFailures())
                    .as("tasks that threw on call threads").isZero();
        } finally {
            close();
        }
    }
}
