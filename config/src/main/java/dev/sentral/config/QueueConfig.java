package dev.sentral.config;

/**
 * A hunt plan's queue: where calls wait when no active member is free.
 *
 * @param enabled              off: a call that finds nobody free goes straight to the overflow destination
 * @param capacity             calls waiting at once; the next one goes to the overflow destination
 * @param whenNobodyActive     queue calls even when every member is passive (logged out); by default such a
 *                             call goes to the overflow destination at once instead of waiting forever
 */
public record QueueConfig(boolean enabled, int capacity, boolean whenNobodyActive) {
    public static final QueueConfig DEFAULT = new QueueConfig(true, ConfigDefaults.QUEUE_CAPACITY, false);

    public QueueConfig {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
    }
}
