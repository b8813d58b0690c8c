package dev.sentral.media.rtp;

import dev.sentral.media.player.AudioClip;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * One endpoint playing a list of clips to its far end, one 20 ms frame per {@link Pacer} tick, as part of the
 * endpoint's single outbound RTP stream. Stops by itself after the last clip (or loops), or when
 * {@link #stop()} is called; {@link #position()} tells where it was, so music can resume at the same place.
 *
 * <p>Threading: frames are sent on the endpoint's event loop; {@code stop} and {@code position} may be called
 * from any thread. The listener is called on the event loop and must not block.
 */
public final class Playout implements PacedStream {
    /** Told once when the playout ends, by itself or stopped. */
    public interface Listener {
        void finished(Playout playout, boolean completed);
    }

    /** Where in the list a playout is: clip index and frame within it. */
    public record Position(int clip, int frame) {
        public static final Position START = new Position(0, 0);
    }

    private final RtpEndpoint endpoint;
    private final List<AudioClip> clips;
    private final int payloadType;
    private final boolean aLaw;
    private final boolean loop;
    private final Listener listener;
    private volatile int clip;
    private volatile int frame;
    private volatile boolean stopped;
    private volatile long framesSent;
    private boolean completed;

    Playout(RtpEndpoint endpoint, List<AudioClip> clips, int payloadType, boolean loop, Position start, Listener listener) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("clips must not be empty");
        }
        if (payloadType != 0 && payloadType != 8) {
            throw new IllegalArgumentException("payloadType must be 0 (PCMU) or 8 (PCMA): " + payloadType);
        }
        this.endpoint = endpoint;
        this.clips = List.copyOf(clips);
        this.payloadType = payloadType;
        this.aLaw = payloadType == 8;
        this.loop = loop;
        this.listener = listener;
        this.clip = Math.min(start.clip(), clips.size() - 1);
        this.frame = start.frame();
    }

    /** Stops at the next tick; {@link #position()} then holds where playing stopped. */
    public void stop() {
        stopped = true;
    }

    public Position position() {
        return new Position(clip, frame);
    }

    /** Frames sent so far. */
    public long framesSent() {
        return framesSent;
    }

    public boolean isStopped() {
        return stopped;
    }

    /** Sends the next frame; false when there is nothing more to send. Called on the event loop by the pacer. */
    @Override
    public boolean sendNextFrame() {
        if (stopped || endpoint.isClosed()) {
            return false;
        }
        AudioClip current = clips.get(clip);
        if (frame >= current.frames()) {
            if (clip + 1 < clips.size()) {
                clip++;
            } else if (loop) {
                clip = 0;
            } else {
                completed = true;
                return false;
            }
            frame = 0;
            current = clips.get(clip);
        }
        ByteBuf packet = endpoint.allocate(12 + AudioClip.FRAME_BYTES);
        endpoint.outbound().nextFrameHeader(packet, payloadType, this);
        packet.writeBytes(current.frame(frame, aLaw));
        frame++;
        framesSent++; // single writer: the event loop
        endpoint.sendGenerated(packet);
        return true;
    }

    @Override
    public void finishedOnLoop() {
        if (listener != null) {
            listener.finished(this, completed);
        }
    }
}
