package dev.sentral.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as an operator runs it: SIGTERM refuses new calls with 503, lets calls in progress run
 * for the drain time, then ends them with BYE on both sides, and the process exits 0.
 */
class GracefulShutdownIT {
    @TempDir
    Path work;

    @Test
    void sigtermDrainsThenByesAndExitsZero() throws Exception {
        int sipPort = FreePorts.udpAndTcp();
        int memberPort = FreePorts.udpAndTcp();
        int httpPort = FreePorts.udpAndTcp();
        Path config = work.resolve("sentral.yaml");
        Files.writeString(config, TestSentral.yaml(sipPort, httpPort, 47000, 20, 3, List.of(memberPort)));
        Path log = work.resolve("sentral.log");
        Process server = new ProcessBuilder("java", "-jar", System.getProperty("sentral.jar", "target/sentral.jar"),
                "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("Sentral ready"));
            assertThat(health(httpPort)).isEqualTo(200);

            // Two calls that would talk for a minute: the member waits for BYE, so do the callers.
            Sipp member = Sipp.member("member.xml", work, memberPort, FreePorts.mediaPair()).calls(2).start();
            Sipp callers = Sipp.caller("caller-wait-bye.xml", work, sipPort, TestSentral.MAIN_NUMBER)
                    .mediaPort(FreePorts.mediaPair()).calls(2).concurrency(2, 10).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("ready")
                    && member.isRunning());
            Thread.sleep(1500); // both calls connected

            long signalled = System.nanoTime();
            server.toHandle().destroy(); // SIGTERM
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("shutting down"));

            assertThat(health(httpPort)).as("health tells load balancers to stop sending").isEqualTo(503);
            SippResult refused = Sipp.caller("caller-unavailable.xml", work, sipPort, TestSentral.MAIN_NUMBER)
                    .mediaPort(FreePorts.mediaPair()).calls(1).run();
            assertThat(refused.successful()).as("a new call during the drain gets 503: " + refused).isEqualTo(1);

            SippResult ended = callers.await();
            long drainedAfter = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
            assertThat(ended.successful()).as("callers got BYE after the drain: " + ended).isEqualTo(2);
            assertThat(member.await().successful()).as("member got BYE too").isEqualTo(2);
            assertThat(drainedAfter).as("calls were given the 3 s drain time").isGreaterThanOrEqualTo(2900);

            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("process exited").isTrue();
            assertThat(server.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("drain time over: ending 2 call(s)", "stopped");
        } finally {
            server.destroyForcibly();
        }
    }

    private static int health(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
