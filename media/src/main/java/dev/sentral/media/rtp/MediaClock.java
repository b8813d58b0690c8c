package dev.sentral.media.rtp;

import java.util.Collection;
import java.util.concurrent.locks.LockSupport;

/**
 * The media engine's pacing clock: one thread that sleeps to absolute nanoTime deadlines every 5 ms (a
 * quarter of a 20 ms frame, see {@link Pacer}) and posts a tick into every event loop that has streams
 * playing. Measured on the development machine, Netty's own
 * fixed-rate timer fires about 2.1 ms late with a long tail; parking to the deadline lands within about
 * 0.3 ms, and the post wakes the loop through its eventfd at once. Deadlines are absolute, so the clock
 * does not drift; when it falls behind (a stalled machine) it skips to the next deadline instead of
 * bursting.
 */
final class MediaClock implements Runnable {
    static final long PERIOD_NANOS = 20_000_000L / Pacer.SLOTS;

    private final Collection<Pacer> pacers;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile java.util.concurrent.CompletableFuture<String> realtimeRequest;
    private volatile int requestedPriority;

    MediaClock(Collection<Pacer> pacers) {
        this.pacers = pacers;
        this.thread = new Thread(this, "media-clock");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        long next = System.nanoTime() + PERIOD_NANOS;
        while (running) {
            java.util.concurrent.CompletableFuture<String> rt = realtimeRequest;
            if (rt != null) {
                realtimeRequest = null;
                rt.complete(RealtimeScheduling.applyToCurrentThread(requestedPriority));
            }
            long wait;
            while (running && (wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            for (Pacer p : pacers) {
                p.post();
            }
            next += PERIOD_NANOS;
            long now = System.nanoTime();
            if (now - next > PERIOD_NANOS) {
                next = now + PERIOD_NANOS; // fell more than a tick behind: do not send a burst
            }
        }
    }

    /** Has the clock thread put itself under SCHED_FIFO at its next tick; completes with null, or why it could not. */
    java.util.concurrent.CompletableFuture<String> useRealtimePriority(int priority) {
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        requestedPriority = priority;
        realtimeRequest = done;
        return done;
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }
}
