package dev.sentral.sip.b2bua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * The threads that own calls. Each call is pinned to one single-threaded stripe, so every input of a call
 * (SIP callbacks, timers, media events) runs in order on one thread and call state needs no locks.
 * Timers fire on a shared scheduler and are immediately posted back to the call's stripe.
 *
 * <p>Exception policy at this thread boundary: a task that throws is logged with code SENTRAL-CALL-002 and
 * counted (in {@link SipStats#callTaskFailures()}); the stripe carries on with the next task.
 */
final class CallExecutors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallExecutors.class);

    private final ExecutorService[] stripes;
    private final ScheduledExecutorService timers;
    private final java.util.concurrent.atomic.LongAdder failures;

    CallExecutors(int stripeCount, java.util.concurrent.atomic.LongAdder failures) {
        this.failures = failures;
        stripes = new ExecutorService[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(named("call-" + i));
        }
        timers = Executors.newSingleThreadScheduledExecutor(named("call-timers"));
    }

    /** A serial executor for one call, chosen by its Call-ID. */
    java.util.concurrent.Executor forCall(String callId) {
        ExecutorService stripe = stripes[Math.floorMod(callId.hashCode(), stripes.length)];
        return task -> stripe.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failures.increment();
                log.error("SENTRAL-CALL-002 task failed on call {}", callId, t);
            }
        });
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
        for (ExecutorService s : stripes) {
            try {
                s.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
