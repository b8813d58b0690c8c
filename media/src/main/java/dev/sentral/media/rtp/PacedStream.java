package dev.sentral.media.rtp;

/** Something the {@link Pacer} sends one packet of every 20 ms: a clip playout or a DTMF event. */
interface PacedStream {
    /** Sends the next packet; false when there is nothing more (then {@link #finishedOnLoop()} follows). */
    boolean sendNextFrame();

    void finishedOnLoop();
}
