package dev.sentral.config;

import java.util.Locale;
import java.util.Optional;

/** A SIP transport Sentral listens on. */
public enum Transport {
    UDP, TCP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Transport> parse(String text) {
        for (Transport t : values()) {
            if (t.wireName().equalsIgnoreCase(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
