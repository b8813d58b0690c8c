package dev.sentral.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a hunt plan: a person whose phone rings.
 *
 * @param name        display name
 * @param uri         SIP URI the member's phone is reached at
 * @param ringTimeout overrides the plan's ring time for this member, when present
 */
public record MemberConfig(String name, String uri, Optional<Duration> ringTimeout) {
    public MemberConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
    }
}
