package dev.sentral.sip;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARCHITECTURE.md: sip-core uses media only through the Restcomm SPI and the small factory
 * ({@code dev.sentral.media.MediaFactory}, {@code CallMedia}, {@code LegMedia}, {@code KeyDetector}), plus the
 * pure SDP and DTMF value types; never the engine's internals, and never Netty.
 */
class DependencyRuleTest {
    private static final List<String> FORBIDDEN = List.of("dev.sentral.media.rtp", "dev.sentral.media.spi.",
            "dev.sentral.media.player", "dev.sentral.media.codec", "io.netty");

    @Test
    void sipCoreReachesMediaOnlyThroughTheSpiAndTheFactory() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offences = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(line -> FORBIDDEN.stream().anyMatch(line::contains))
                            .map(line -> p.getFileName() + ": " + line.trim());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();

            assertThat(offences).isEmpty();
        }
    }
}
