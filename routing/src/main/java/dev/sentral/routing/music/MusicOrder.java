package dev.sentral.routing.music;

import java.util.random.RandomGenerator;

/**
 * The order a caller hears a music list in: random, each file whole, no file again until the whole list has
 * played, and never the same file twice in a row across cycles (PRODUCT.md §2). One per waiting caller; the
 * random source is injected, so tests fix it. Not thread-safe: owned by the caller's call.
 */
public final class MusicOrder {
    private final int size;
    private final RandomGenerator random;
    private final int[] cycle;
    private int position;
    private int last = -1;

    public MusicOrder(int size, RandomGenerator random) {
        if (size < 1) {
            throw new IllegalArgumentException("a music list needs at least one file: " + size);
        }
        this.size = size;
        this.random = random;
        this.cycle = new int[size];
        shuffle();
    }

    /** Index of the next file to play. */
    public int next() {
        if (position == size) {
            shuffle();
        }
        last = cycle[position++];
        return last;
    }

    private void shuffle() {
        for (int i = 0; i < size; i++) {
            cycle[i] = i;
        }
        for (int i = size - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = cycle[i];
            cycle[i] = cycle[j];
            cycle[j] = t;
        }
        if (size > 1 && cycle[0] == last) {
            // the first of the new cycle must not repeat the last of the previous one
            int j = 1 + random.nextInt(size - 1);
            cycle[0] = cycle[j];
            cycle[j] = last;
        }
        position = 0;
    }
}
