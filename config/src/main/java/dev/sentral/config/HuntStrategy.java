package dev.sentral.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who gets the next call in a hunt plan (PRODUCT.md §1). */
public enum HuntStrategy {
    /** The first active free member in the plan's order; on no answer, the next one. */
    PRIORITY_LIST("priority-list", false),
    /** The active free member idle the longest; on no answer, the next longest idle. */
    LONGEST_IDLE("longest-idle", false),
    /** Every active free member at once, at most 10 (the first 10 of the plan's order). */
    SIMULTANEOUS("simultaneous", true),
    /** All active free members of the lowest level at once; on no answer the next level. */
    PRIORITY_LEVELS("priority-levels", true),
    /** One at a time in the plan's order, starting after the member who took the last call. */
    ROUND_ROBIN("round-robin", false);

    private final String configName;
    private final boolean parallel;

    HuntStrategy(String configName, boolean parallel) {
        this.configName = configName;
        this.parallel = parallel;
    }

    public String configName() {
        return configName;
    }

    /** True when several members ring at once for one call. */
    public boolean parallel() {
        return parallel;
    }

    public static Optional<HuntStrategy> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(text)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(HuntStrategy::configName).toList();
    }
}
