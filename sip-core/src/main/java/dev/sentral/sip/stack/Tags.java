package dev.sentral.sip.stack;

import java.util.concurrent.ThreadLocalRandom;

/** From/To tags (RFC 3261 §19.3): random, at least 32 bits; one generator for every part of Sentral. */
public final class Tags {
    private Tags() {
    }

    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
