package dev.sentral.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Graceful shutdown.
 *
 * @param drainTime how long calls in progress may continue after SIGTERM before they are ended with BYE
 */
public record ShutdownSettings(Duration drainTime) {
    public ShutdownSettings {
        Objects.requireNonNull(drainTime, "drainTime");
    }
}
