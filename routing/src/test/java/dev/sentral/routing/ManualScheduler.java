package dev.sentral.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** Virtual time for tests: tasks run when {@link #advance} passes their due time, in due-time order. */
public final class ManualScheduler implements Scheduler {
    private Instant now = Instant.parse("2026-11-25T09:00:00Z");
    private long seq;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });

    private final class Task implements Cancellable {
        final Instant due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(Instant due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), seq++, task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due on the way at its own time. */
    public void advance(Duration d) {
        Instant end = now.plus(d);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(end)) {
            Task t = tasks.poll();
            if (!t.cancelled) {
                now = t.due;
                t.run.run();
            }
        }
        now = end;
    }

    public void advanceSeconds(long s) {
        advance(Duration.ofSeconds(s));
    }

    /** Tasks scheduled and not cancelled or run yet. */
    public long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
