package dev.sentral.media.rtp;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.List;

/**
 * The 20 ms pacing of one event loop: each stream ({@link Playout}, {@link DigitSender}) on the loop gets its next frame sent
 * every 20 ms. There is never a thread or a scheduled task per stream: the engine's {@link MediaClock}
 * posts one tick into the loop every 5 ms, and the streams are spread over the four 5 ms slots of a
 * 20 ms period. Spreading matters on a small machine: sending 2,000 frames in one burst holds the loop for
 * milliseconds, and any stream at the end of a burst that had to wait for a core is late; four small
 * bursts keep every wake-up short.
 *
 * <p>Threading: all state is touched only on its event loop.
 */
final class Pacer {
    static final int SLOTS = 4;

    private final EventLoop loop;
    @SuppressWarnings("unchecked")
    private final List<PacedStream>[] slots = new List[SLOTS];
    private volatile int size;
    private int slot;

    Pacer(EventLoop loop) {
        this.loop = loop;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new ArrayList<>();
        }
    }

    /** Adds a playout to the emptiest slot; it sends its first frame when that slot next comes round. Any thread. */
    void add(PacedStream p) {
        loop.execute(() -> {
            List<PacedStream> emptiest = slots[0];
            for (List<PacedStream> s : slots) {
                if (s.size() < emptiest.size()) {
                    emptiest = s;
                }
            }
            emptiest.add(p);
            size++;
        });
    }

    /** Called by the clock every 5 ms: runs the next slot on the loop, if anything is playing there. */
    void post() {
        if (size > 0) {
            loop.execute(this::tick);
        }
    }

    private void tick() {
        List<PacedStream> playing = slots[slot];
        slot = (slot + 1) % SLOTS;
        // Swap-remove finished playouts while sending: order within a slot does not matter.
        for (int i = 0; i < playing.size(); ) {
            PacedStream p = playing.get(i);
            if (p.sendNextFrame()) {
                i++;
            } else {
                int last = playing.size() - 1;
                playing.set(i, playing.get(last));
                playing.remove(last);
                size--;
                p.finishedOnLoop();
            }
        }
    }

    /** Streams playing on this loop (exact on the loop, approximate elsewhere). */
    int size() {
        return size;
    }
}
