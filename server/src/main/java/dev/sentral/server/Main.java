package dev.sentral.server;

import dev.sentral.config.ConfigException;
import dev.sentral.config.ConfigLoader;
import dev.sentral.config.SentralConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code sentral run [--config FILE]}, {@code sentral check-config FILE}. */
@Command(name = "sentral", mixinStandardHelpOptions = true, version = "Sentral 0.1.0",
        description = "SIP application server for a company's main number.",
        subcommands = {Main.Run.class, Main.CheckConfig.class, Main.HashPassword.class})
public final class Main {
    /** Exit code for a configuration the user must fix. */
    static final int EXIT_CONFIG = 2;
    static final int EXIT_STARTUP = 3;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        int code = cli.execute(args);
        if (code != 0 || !(args.length > 0 && args[0].equals("run"))) {
            System.exit(code);
        }
    }

    @Command(name = "run", description = "Start Sentral and serve until SIGTERM or Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", description = "configuration file (default: ${DEFAULT-VALUE})",
                defaultValue = "config/example.yaml")
        Path config;

        @Override
        public Integer call() throws Exception {
            SentralConfig cfg;
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.err.println("Fix the file and start again; './sentral check-config " + config + "' checks it without starting.");
                return EXIT_CONFIG;
            }
            Logger log = LoggerFactory.getLogger(Main.class);
            SentralServer server = new SentralServer(cfg);
            try {
                server.start();
            } catch (javax.sip.SipException | dev.sentral.server.store.StoreException e) {
                System.err.println(e.getMessage());
                server.close();
                return EXIT_STARTUP;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.err.println("Fix the file and start again.");
                return EXIT_CONFIG;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            ShutdownSignals.onTerminate(() -> {
                server.shutdownGracefully();
                stopped.countDown();
            });
            log.info("Sentral ready: SIP {}:{} {}, RTP {}..{}, config {}", cfg.sip().bindAddress(), cfg.sip().port(),
                    cfg.sip().transports(), cfg.media().rtpPortMin(), cfg.media().rtpPortMax(), config);
            stopped.await();
            System.exit(0);
            return 0;
        }
    }

    @Command(name = "check-config", description = "Validate a configuration file; exit 0 when it is valid, 2 with the problems otherwise.")
    static final class CheckConfig implements Callable<Integer> {
        @Parameters(index = "0", description = "configuration file")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                SentralConfig cfg = ConfigLoader.load(file);
                long plans = cfg.huntPlans().stream().filter(p -> !p.isDerived()).count();
                out.printf("%s: valid (%d number(s), %d hunt plan(s), %d call-flow element(s), %d user(s))%n", file,
                        cfg.numbers().size(), plans, cfg.flow().size(), cfg.users().size());
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return EXIT_CONFIG;
            }
        }
    }

    @Command(name = "hash-password",
            description = "Print the HA1 hashes of a user's SIP password, to paste under users: in the configuration. "
                    + "The password is read from the terminal (not echoed) or, without one, from the first line of stdin.")
    static final class HashPassword implements Callable<Integer> {
        @Parameters(index = "0", description = "user name (as in the phone's SIP account)")
        String user;

        @Option(names = "--realm", description = "digest realm, as sip.realm in the configuration (default: ${DEFAULT-VALUE})",
                defaultValue = dev.sentral.config.ConfigDefaults.REALM)
        String realm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            String password;
            java.io.Console console = System.console();
            if (console != null) {
                char[] chars = console.readPassword("SIP password for %s: ", user);
                password = chars == null ? "" : new String(chars);
            } else {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            }
            if (password.isEmpty()) {
                spec.commandLine().getErr().println("no password given");
                return EXIT_CONFIG;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("  - name: %s%n", user);
            out.printf("    ha1Md5: %s%n", dev.sentral.sip.registrar.Digest.MD5.ha1(user, realm, password));
            out.printf("    ha1Sha256: %s%n", dev.sentral.sip.registrar.Digest.SHA_256.ha1(user, realm, password));
            out.flush();
            return 0;
        }
    }
}
