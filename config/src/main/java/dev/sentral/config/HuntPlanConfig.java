package dev.sentral.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A hunt plan (group search plan): the members who take calls for a number and how they are rung.
 *
 * @param id          reference used by numbers
 * @param name        display name
 * @param strategy    who gets the next call
 * @param ringTimeout how long each member rings before the call moves on (15–40 s)
 * @param members     members in priority order (at most 25)
 * @param queue       where calls wait when nobody is free
 * @param offerLimit  how long the call is offered before it overflows (unlimited by default)
 * @param overflow    where a call goes when the plan cannot take it
 * @param vip         caller numbers (normalized) that go ahead of every other caller in the queue
 * @param language    language of the plan's system prompts: {@code en} or {@code da}
 * @param musicList   id of the music list callers hear while they wait after a greeting
 * @param announcePosition every 30 s of waiting with music, the caller hears their queue position
 * @param announceEstimatedWait the announcement adds the plan's recent average wait (off by default)
 */
public record HuntPlanConfig(String id, String name, HuntStrategy strategy, Duration ringTimeout,
                             List<MemberConfig> members, QueueConfig queue, OfferLimit offerLimit,
                             OverflowConfig overflow, Set<String> vip, String language, String musicList,
                             boolean announcePosition, boolean announceEstimatedWait) {
    public HuntPlanConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(offerLimit, "offerLimit");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(musicList, "musicList");
        members = List.copyOf(members);
        vip = Set.copyOf(vip);
    }

    /** A plan with the default queue, no offer limit, the standard message as overflow and no VIPs. */
    public HuntPlanConfig(String id, String name, HuntStrategy strategy, Duration ringTimeout,
                          List<MemberConfig> members) {
        this(id, name, strategy, ringTimeout, members, QueueConfig.DEFAULT, OfferLimit.UNLIMITED,
                OverflowConfig.DEFAULT, Set.of(), ConfigDefaults.LANGUAGE, SoundsConfig.BUILT_IN_MUSIC, true, false);
    }

    /** A plan with every option given except the language (English). */
    public HuntPlanConfig(String id, String name, HuntStrategy strategy, Duration ringTimeout,
                          List<MemberConfig> members, QueueConfig queue, OfferLimit offerLimit,
                          OverflowConfig overflow, Set<String> vip) {
        this(id, name, strategy, ringTimeout, members, queue, offerLimit, overflow, vip, ConfigDefaults.LANGUAGE,
                SoundsConfig.BUILT_IN_MUSIC, true, false);
    }

    /** The ring time for one member: their own override, else the plan's. */
    public Duration ringTimeoutFor(MemberConfig member) {
        return member.ringTimeout().orElse(ringTimeout);
    }

    /** Plans the loader derives for overflow to an outside number: {@code outside.<number>}. */
    public static final String OUTSIDE_PREFIX = "outside.";

    /**
     * A plan the loader derived (a call flow's transfer, overflow to an outside number), not one of the
     * configured plans: nobody logs in or out of it.
     */
    public boolean isDerived() {
        return id.startsWith(FlowConfigLoader.TRANSFER_PLAN_PREFIX) || id.startsWith(OUTSIDE_PREFIX);
    }

    /**
     * A plan the loader derives to ring one destination once (a flow's transfer, overflow to an outside
     * number): one ring time, no queue, then the standard message.
     */
    static HuntPlanConfig ringOnce(String id, String name, MemberConfig member, Duration ringTimeout, String language) {
        return new HuntPlanConfig(id, name, HuntStrategy.PRIORITY_LIST, ringTimeout, List.of(member),
                new QueueConfig(false, 1, false), OfferLimit.rounds(1), OverflowConfig.DEFAULT, Set.of(), language,
                SoundsConfig.BUILT_IN_MUSIC, false, false);
    }
}
