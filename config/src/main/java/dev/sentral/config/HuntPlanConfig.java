package dev.sentral.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A hunt plan (group search plan): the members who take calls for a number and how they are rung.
 *
 * @param id          reference used by numbers
 * @param name        display name
 * @param strategy    who gets the next call
 * @param ringTimeout how long each member rings before the call moves on (15–40 s)
 * @param members     members in priority order
 */
public record HuntPlanConfig(String id, String name, HuntStrategy strategy, Duration ringTimeout,
                             List<MemberConfig> members) {
    public HuntPlanConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        members = List.copyOf(members);
    }

    /** The ring time for one member: their own override, else the plan's. */
    public Duration ringTimeoutFor(MemberConfig member) {
        return member.ringTimeout().orElse(ringTimeout);
    }
}
