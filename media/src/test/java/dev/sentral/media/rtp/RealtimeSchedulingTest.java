package dev.sentral.media.rtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * media.realtimePriority: the media threads really run under SCHED_FIFO when the process may do that
 * (CAP_SYS_NICE, as root in CI, or an RTPRIO limit, within the container's real-time budget), and a process
 * that may not is told why.
 */
class RealtimeSchedulingTest {
    private static final int SCHED_FIFO = 1;
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 32600, 32699, Duration.ofSeconds(60), 1);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theEventLoopsAndTheClockRunUnderSchedFifoWhenPermitted() throws Exception {
        boolean permitted = RealtimeScheduling.permitted(7);
        Optional<String> failed = engine.useRealtimePriority(7);
        if (!permitted) {
            assertThat(failed).as("without CAP_SYS_NICE the reason is given").hasValueSatisfying(why ->
                    assertThat(why).contains("chrt"));
            assertThat(engine.isRealtime()).isFalse();
            return;
        }
        assertThat(failed).as("as root chrt is allowed").isEmpty();
        assertThat(engine.isRealtime()).isTrue();
        for (io.netty.util.concurrent.EventExecutor loop : engine.loops()) {
            String[] stat = loop.submit(RealtimeSchedulingTest::ownStat).get();
            assertThat(Integer.parseInt(stat[1])).as("policy of the event loop thread").isEqualTo(SCHED_FIFO);
            assertThat(Integer.parseInt(stat[0])).as("its real-time priority").isEqualTo(7);
        }
        // The clock thread is found by name: "media-clock".
        boolean clockFound = false;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                if (Files.readString(t.resolve("comm")).trim().equals("media-clock")) {
                    String[] stat = fields(Files.readString(t.resolve("stat")));
                    if (Integer.parseInt(stat[1]) == SCHED_FIFO) {
                        clockFound = true;
                    }
                }
            }
        }
        assertThat(clockFound).as("the engine's media-clock thread runs under SCHED_FIFO").isTrue();
    }

    /** rt_priority and policy (fields 40 and 41 of proc(5)'s stat) of the calling thread. */
    private static String[] ownStat() throws Exception {
        return fields(Files.readString(Path.of("/proc/thread-self/stat")));
    }

    private static String[] fields(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3 (state)
        return new String[] {after[40 - 3], after[41 - 3]};
    }
}
