package dev.sentral.server.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real {@code sipp} process on loopback with one of the scenarios in {@code sipp-scenarios/}, and
 * reads its statistics when it ends. Every run is bounded: a call count ({@code -m}) and a global timeout.
 */
public final class Sipp {
    public static final Path SCENARIOS = Path.of(System.getProperty("sentral.scenarios", "../sipp-scenarios"));

    private final String scenario;
    private final List<String> args = new ArrayList<>();
    private final Path workDir;
    private Duration timeout = Duration.ofSeconds(60);
    private String localIp = "127.0.0.1";
    /** The SIP port a member listens on (0 for callers). */
    private int listensOn;
    private Process process;

    private Sipp(String scenario, Path workDir) {
        this.scenario = scenario;
        this.workDir = workDir;
    }

    /** A UAC that calls {@code number} at Sentral on {@code sipPort}. */
    public static Sipp caller(String scenario, Path workDir, int sipPort, String number) {
        Sipp s = new Sipp(scenario, workDir);
        s.args.addAll(List.of("-s", number, "127.0.0.1:" + sipPort));
        return s;
    }

    /** A UAS (a member's phone) listening on {@code port}, echoing RTP it receives on {@code mediaPort}. */
    public static Sipp member(String scenario, Path workDir, int port, int mediaPort) {
        Sipp s = new Sipp(scenario, workDir);
        s.args.addAll(List.of("-p", String.valueOf(port), "-mp", String.valueOf(mediaPort), "-rtp_echo"));
        s.listensOn = port;
        return s;
    }

    public Sipp calls(int count) {
        return arg("-m", String.valueOf(count));
    }

    /** At most {@code limit} calls at once, started at {@code rate} per second. */
    public Sipp concurrency(int limit, double rate) {
        return arg("-l", String.valueOf(limit)).arg("-r", String.valueOf(rate));
    }

    /** The scenario's default pause ({@code <pause/>}): talk time for callers, ring time before CANCEL. */
    public Sipp pauseMillis(long ms) {
        return arg("-d", String.valueOf(ms));
    }

    public Sipp answerDelayMillis(long ms) {
        return arg("-set", "answer_delay", String.valueOf(ms));
    }

    public Sipp localPort(int port) {
        return arg("-p", String.valueOf(port));
    }

    public Sipp mediaPort(int port) {
        return arg("-mp", String.valueOf(port));
    }

    /** Sends from another loopback address (e.g. 127.0.0.2: not the trunk's). */
    public Sipp fromAddress(String ip) {
        this.localIp = ip;
        return this;
    }

    public Sipp tcp() {
        return arg("-t", "t1");
    }

    public Sipp timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    private String name() {
        return scenario.replace(".xml", "");
    }

    private Path statsFile() {
        return workDir.resolve(name() + "-" + System.identityHashCode(this) + ".csv");
    }

    private Path errorFile() {
        return workDir.resolve(name() + "-" + System.identityHashCode(this) + "-errors.log");
    }

    /** Starts the process in the background (for members, before the callers). */
    public Sipp start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", SCENARIOS.resolve(scenario).toAbsolutePath().toString(),
                "-i", localIp, "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-trace_stat", "-stf", statsFile().toString(), "-fd", "1",
                "-trace_err", "-error_file", errorFile().toString(),
                "-max_recv_loops", "10000", "-max_sched_loops", "10000"));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(workDir.resolve(name() + "-" + System.identityHashCode(this) + ".out").toFile())
                .redirectErrorStream(true)
                .start();
        if (listensOn > 0) {
            awaitListening();
        }
        return this;
    }

    /**
     * A member (a UAS) is ready only once it holds its SIP port: an INVITE sent earlier would be lost. Waits for
     * that, and fails at once, with SIPp's own words, when the process could not start.
     */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                Path out = workDir.resolve(name() + "-" + System.identityHashCode(this) + ".out");
                throw new IOException(scenario + " on port " + listensOn + " exited at start (" + process.exitValue() + "): "
                        + (java.nio.file.Files.exists(out) ? java.nio.file.Files.readString(out) : ""));
            }
            if (udpPortBound(listensOn)) {
                return; // SIPp has it
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        throw new IOException(scenario + " did not bind port " + listensOn + " within 5 s");
    }

    /**
     * Whether some process holds UDP {@code port}, read from the kernel's socket table. Looking, not binding:
     * a probe that bound the port itself, however briefly, could be holding it at the very moment SIPp binds,
     * and SIPp would then exit with "Address already in use".
     */
    private static boolean udpPortBound(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[1].endsWith(hexPort)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits for the process to finish by itself (it is bounded by -m and -timeout) and reads its statistics. */
    public SippResult await() throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds() + 15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(scenario + " did not end within " + timeout);
        }
        return result(process.exitValue());
    }

    /**
     * Asks a member process to stop (SIGUSR1: SIPp finishes calls in progress and exits) and reads its statistics;
     * for members that may never be offered a call, so the test need not wait for their timeout.
     */
    public SippResult stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-USR1", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return result(process.exitValue());
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts, waits, reads: for callers. */
    public SippResult run() throws IOException, InterruptedException {
        return start().await();
    }

    private SippResult result(int exit) throws IOException {
        Map<String, String> stats = new HashMap<>();
        Path csv = statsFile();
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv);
            if (lines.size() >= 2) {
                String[] header = lines.get(0).split(";");
                String[] last = lines.get(lines.size() - 1).split(";");
                for (int i = 0; i < header.length && i < last.length; i++) {
                    stats.put(header[i], last[i]);
                }
            }
        }
        String errors = Files.exists(errorFile()) ? Files.readString(errorFile()) : "";
        if (stats.isEmpty()) {
            Path out = workDir.resolve(name() + "-" + System.identityHashCode(this) + ".out");
            errors += Files.exists(out) ? Files.readString(out) : "";
        }
        return new SippResult(scenario, exit, stats, errors);
    }
}
