package dev.sentral.media.rtp;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one 20 ms clock of an event loop: every tick sends the next frame of every {@link Playout} on that
 * loop. There is never a thread or a scheduled task per stream; 2,000 callers on hold cost one timer per
 * loop. The tick runs at a fixed rate from nanoTime deadlines, so it does not drift.
 *
 * <p>Threading: all state is touched only on its event loop.
 */
final class Pacer {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventLoop loop;
    private final List<Playout> playing = new ArrayList<>();
    private ScheduledFuture<?> ticker;
    private long ticks;

    Pacer(EventLoop loop) {
        this.loop = loop;
    }

    /** Adds a playout; it sends its first frame on the next tick. Any thread. */
    void add(Playout p) {
        loop.execute(() -> {
            playing.add(p);
            if (ticker == null) {
                ticker = loop.scheduleAtFixedRate(this::tick, PERIOD_NANOS, PERIOD_NANOS, TimeUnit.NANOSECONDS);
            }
        });
    }

    private void tick() {
        ticks++;
        // Swap-remove finished playouts while sending: order within a tick does not matter.
        for (int i = 0; i < playing.size(); ) {
            Playout p = playing.get(i);
            if (p.sendNextFrame()) {
                i++;
            } else {
                int last = playing.size() - 1;
                playing.set(i, playing.get(last));
                playing.remove(last);
                p.finishedOnLoop();
            }
        }
        if (playing.isEmpty() && ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** Streams playing on this loop (read on the loop, or approximately from elsewhere). */
    int size() {
        return playing.size();
    }

    long ticks() {
        return ticks;
    }
}
