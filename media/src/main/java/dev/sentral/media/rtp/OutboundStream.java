package dev.sentral.media.rtp;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What one endpoint sends toward its far end, as a single RTP stream: one SSRC of Sentral's, a sequence
 * number that always advances by one, and a timestamp that follows the media. Whatever feeds it (the other
 * leg's packets, a prompt, hold music, later another member) is rewritten into that one stream, so the far
 * end's jitter buffer never sees a new source or a jump (RFC 3550 §5.1, §8.2: a new SSRC or a sequence jump
 * resets receivers). When the feeding source changes, the sequence and timestamp are re-based to continue
 * from the last packet sent, and the marker bit starts a new talkspurt.
 *
 * <p>Threading: used only on the endpoint's event loop (a call's endpoints share one loop).
 */
final class OutboundStream {
    static final int SAMPLES_PER_FRAME = 160; // 20 ms at 8 kHz

    private final int ssrc;
    private int sequence;
    private long timestamp;
    private Object source;
    private long sourceSsrc = -1;
    private int sequenceOffset;
    private long timestampOffset;
    private boolean started;
    private long eventStart;

    OutboundStream() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.ssrc = r.nextInt();
        this.sequence = r.nextInt(0x10000);
        this.timestamp = r.nextLong(0x100000000L);
    }

    int ssrc() {
        return ssrc;
    }

    /** The timestamp of the last packet sent (for RTCP sender reports). */
    long currentTimestamp() {
        return timestamp;
    }

    /**
     * Rewrites a relayed RTP packet in place (header at the buffer's reader index) as the next packet of this
     * stream. {@code from} identifies the feeding source (the endpoint it arrived on).
     */
    void rewrite(ByteBuf packet, Object from) {
        int base = packet.readerIndex();
        int inSequence = packet.getUnsignedShort(base + 2);
        long inTimestamp = packet.getUnsignedInt(base + 4);
        long inSsrc = packet.getUnsignedInt(base + 8);
        if (from != source || inSsrc != sourceSsrc) {
            // A new source: continue right after what we sent last, and mark the new talkspurt.
            source = from;
            sourceSsrc = inSsrc;
            int nextSequence = started ? sequence + 1 : sequence;
            long nextTimestamp = started ? timestamp + SAMPLES_PER_FRAME : timestamp;
            sequenceOffset = nextSequence - inSequence;
            timestampOffset = nextTimestamp - inTimestamp;
            packet.setByte(base + 1, packet.getByte(base + 1) | 0x80);
        }
        sequence = (inSequence + sequenceOffset) & 0xFFFF;
        timestamp = (inTimestamp + timestampOffset) & 0xFFFFFFFFL;
        started = true;
        packet.setShort(base + 2, sequence);
        packet.setInt(base + 4, (int) timestamp);
        packet.setInt(base + 8, ssrc);
    }

    /**
     * Writes the header of the next RFC 4733 event packet. The {@code start} packet opens the event at the
     * next frame's timestamp with the marker bit; later packets keep that timestamp (§2.5.1.2) and only the
     * sequence advances. {@code totalSamples} is the event's length, so the stream's timestamp afterwards
     * continues from the event's end.
     */
    void eventHeader(ByteBuf out, int payloadType, Object from, boolean start, int totalSamples) {
        if (start) {
            if (started) {
                timestamp = (timestamp + SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
            }
            eventStart = timestamp;
        }
        if (started) {
            sequence = (sequence + 1) & 0xFFFF;
        }
        generatedBy(from);
        writeHeader(out, start, payloadType, eventStart);
        // the next audio frame continues after the event
        timestamp = (eventStart + totalSamples - SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
    }

    /**
     * Writes the 12-byte header of the next locally generated frame (a prompt or music) into {@code out}
     * and advances the stream by one frame. {@code from} identifies the generator, as in {@link #rewrite}.
     */
    void nextFrameHeader(ByteBuf out, int payloadType, Object from) {
        boolean newSource = from != source;
        if (started) {
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + SAMPLES_PER_FRAME) & 0xFFFFFFFFL;
        }
        generatedBy(from);
        writeHeader(out, newSource, payloadType, timestamp);
    }

    private void generatedBy(Object from) {
        source = from;
        sourceSsrc = -1;
        started = true;
    }

    /** RFC 3550 §5.1 fixed header: V=2, no padding/extension/CSRC. */
    private void writeHeader(ByteBuf out, boolean marker, int payloadType, long ts) {
        out.writeByte(0x80);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequence);
        out.writeInt((int) ts);
        out.writeInt(ssrc);
    }
}
