package dev.sentral.media.rtp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * Hands out even RTP ports from a range (the odd port above each belongs to its RTCP). Released ports go
 * to the back of the queue so a port is not reused at once, which keeps late packets of an ended call out
 * of a new one. Thread-safe.
 */
public final class PortAllocator {
    private final Deque<Integer> free = new ArrayDeque<>();
    private final int capacity;

    public PortAllocator(int min, int max) {
        if (min % 2 != 0) {
            throw new IllegalArgumentException("min must be even: " + min);
        }
        if (max <= min) {
            throw new IllegalArgumentException("max " + max + " must be above min " + min);
        }
        for (int p = min; p + 1 <= max; p += 2) {
            free.addLast(p);
        }
        capacity = free.size();
    }

    public synchronized OptionalInt acquire() {
        Integer p = free.pollFirst();
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    public synchronized void release(int port) {
        free.addLast(port);
    }

    public synchronized int available() {
        return free.size();
    }

    public int capacity() {
        return capacity;
    }
}
