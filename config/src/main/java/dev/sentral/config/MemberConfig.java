package dev.sentral.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a hunt plan: a person whose phone rings. The same phone (same {@code uri}) may be a member
 * of several plans; it is one member then: busy in one plan means busy in all.
 *
 * @param name          display name
 * @param uri           SIP URI the member's phone is reached at
 * @param ringTimeout   overrides the plan's ring time for this member, when present
 * @param level         the member's level for the {@code priority-levels} strategy (0 rings first)
 * @param activeAtStart whether the member is logged in (active) when the server starts
 * @param maxCalls      calls the member takes at once: 1, 2 with call waiting, more for a trunk or a
 *                      load-test endpoint
 * @param user          for a registered user: their user name; every phone they have registered rings
 *                      ({@code uri} is then their address of record)
 */
public record MemberConfig(String name, String uri, Optional<Duration> ringTimeout, int level,
                           boolean activeAtStart, int maxCalls, Optional<String> user) {
    public MemberConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(user, "user");
        if (level < 0) {
            throw new IllegalArgumentException("level must be >= 0: " + level);
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1: " + maxCalls);
        }
    }

    /** A phone reached at a fixed URI. */
    public MemberConfig(String name, String uri, Optional<Duration> ringTimeout, int level, boolean activeAtStart,
                        int maxCalls) {
        this(name, uri, ringTimeout, level, activeAtStart, maxCalls, Optional.empty());
    }

    /** A plain member: level 0, active, one call at a time. */
    public MemberConfig(String name, String uri, Optional<Duration> ringTimeout) {
        this(name, uri, ringTimeout, 0, true, 1);
    }

    /** What identifies the member across plans: the URI, case-insensitively. */
    public String key() {
        return uri.toLowerCase(Locale.ROOT);
    }

    /** The same member reached at one particular URI (a registered contact, or the target of a 3xx). */
    public MemberConfig at(String newUri) {
        return new MemberConfig(name, newUri, ringTimeout, level, activeAtStart, maxCalls, user);
    }
}
