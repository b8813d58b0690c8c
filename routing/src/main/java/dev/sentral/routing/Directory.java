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

    /**
     * The plan a call sent on to {@code number} (overflow, closed destination) enters: the number's own plan,
     * or for an outside number the one-member plan that rings it through the trunk. Never used for what a
     * caller dials, so nobody can reach outside numbers through Sentral.
     */
    public Optional<HuntPlanConfig> sendOnTo(String number) {
        return planFor(number).or(() -> config.huntPlan(HuntPlanConfig.OUTSIDE_PREFIX + number));
    }
}
