package dev.sentral.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who gets the next call in a hunt plan (PRODUCT.md §1). */
public enum HuntStrategy {
    /** The first active free member in the plan's order; on no answer, the next one. */
    PRIORITY_LIST("priority-list");

    private final String configName;

    HuntStrategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<HuntStrategy> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(text)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(HuntStrategy::configName).toList();
    }
}
