package dev.sentral.routing;

import dev.sentral.config.HuntPlanConfig;
import dev.sentral.config.NumberConfig;
import dev.sentral.config.SentralConfig;

import java.util.Objects;
import java.util.Optional;

/** Which hunt plan answers a dialled number. Pure lookup over the configuration. */
public final class Directory {
    private final SentralConfig config;

    public Directory(SentralConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The plan for a Request-URI user part, or empty when Sentral does not answer that number (→ 404). */
    public Optional<HuntPlanConfig> planFor(String dialled) {
        return config.number(dialled).map(NumberConfig::huntPlan).flatMap(config::huntPlan);
    }
}
