package dev.sentral.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Codes a registered user dials from their phone to log in or out of hunt plans (answered with a
 * confirmation prompt). The general codes act on every plan the user is a member of; {@code plans} gives
 * codes for single plans.
 */
public record FeatureCodes(String logIn, String logOut, List<PlanCodes> plans) {
    public FeatureCodes {
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(logOut, "logOut");
        plans = List.copyOf(plans);
    }

    public record PlanCodes(String huntPlan, String logIn, String logOut) {
    }

    /** What a dialled code asks for: log in ({@code active}) or out, of one plan or (empty) all of the user's. */
    public record Request(boolean active, Optional<String> huntPlan) {
    }

    public Optional<Request> lookup(String dialled) {
        if (logIn.equals(dialled)) {
            return Optional.of(new Request(true, Optional.empty()));
        }
        if (logOut.equals(dialled)) {
            return Optional.of(new Request(false, Optional.empty()));
        }
        for (PlanCodes p : plans) {
            if (p.logIn().equals(dialled)) {
                return Optional.of(new Request(true, Optional.of(p.huntPlan())));
            }
            if (p.logOut().equals(dialled)) {
                return Optional.of(new Request(false, Optional.of(p.huntPlan())));
            }
        }
        return Optional.empty();
    }

    /** Every code, for clash checks. */
    public List<String> all() {
        List<String> out = new java.util.ArrayList<>(List.of(logIn, logOut));
        plans.forEach(p -> {
            out.add(p.logIn());
            out.add(p.logOut());
        });
        return out;
    }
}
