package dev.sentral.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for routing decisions, injected: production runs tasks on the routing owner's thread, tests advance a
 * manual clock (a 40 s ring timeout then runs in microseconds). Tasks run on the same thread as every other
 * input of the component that scheduled them.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        /** Idempotent; a task already run or cancelled is left alone. */
        void cancel();
    }
}
