package dev.sentral.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void checkConfigAcceptsTheBundledExample() {
        assertThat(run("check-config", "../config/example.yaml")).isZero();
        assertThat(out.toString()).contains("valid (3 number(s), 2 hunt plan(s), 8 call-flow element(s), 0 user(s))");
    }

    @Test
    void checkConfigListsEveryProblemAndExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                numbers: [{number: "100", huntPlan: sales}]
                huntPlans:
                  - id: sales
                    ringTimeoutSeconds: 45
                    members: [{uri: "alice"}]
                """);

        assertThat(run("check-config", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ": 2 problems",
                "huntPlans[0].ringTimeoutSeconds: 45 is outside 15..40",
                "huntPlans[0].members[0].uri: 'alice' is not a SIP URI");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void runWithABadConfigExitsTwoWithoutStarting() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "sip: {port: 0}\n");

        assertThat(run("run", "--config", bad.toString())).isEqualTo(2);
    }

    @Test
    void hashPasswordPrintsTheLinesToPasteUnderUsers() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("secret\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(run("hash-password", "alice")).isZero();
        } finally {
            System.setIn(stdin);
        }
        // H("alice:sentral:secret"), computed independently with Python's hashlib
        assertThat(out.toString()).contains("- name: alice", "ha1Md5: 128948d22e1dae9acee9a39371956425",
                "ha1Sha256: 162d16b665af097be1119f26a85d4d80ea2777022001d1605e9eadb719688141");
    }
}
