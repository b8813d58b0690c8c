package dev.sentral.media.player;

import dev.sentral.media.codec.G711;

import java.time.Duration;
import java.util.Objects;

/**
 * A prompt or music file decoded once into 8 kHz G.711 frames of 20 ms (160 bytes), in both µ-law and
 * A-law so any call can play it without per-call transcoding. Immutable and shared by every call that plays
 * it; the last frame is padded with silence.
 */
public final class AudioClip {
    public static final int FRAME_BYTES = 160;
    private static final byte ULAW_SILENCE = (byte) 0xFF;
    private static final byte ALAW_SILENCE = (byte) 0xD5;

    private final String name;
    private final byte[] ulaw;
    private final byte[] alaw;
    private final int frames;

    private AudioClip(String name, byte[] ulaw, byte[] alaw) {
        this.name = name;
        this.ulaw = ulaw;
        this.alaw = alaw;
        this.frames = ulaw.length / FRAME_BYTES;
    }

    /** Builds a clip from 8 kHz 16-bit samples. */
    public static AudioClip fromSamples(String name, short[] samples) {
        Objects.requireNonNull(name, "name");
        int frames = Math.max(1, (samples.length + FRAME_BYTES - 1) / FRAME_BYTES);
        byte[] u = new byte[frames * FRAME_BYTES];
        byte[] a = new byte[frames * FRAME_BYTES];
        java.util.Arrays.fill(u, ULAW_SILENCE);
        java.util.Arrays.fill(a, ALAW_SILENCE);
        G711.encode(samples, samples.length, u, 0, false);
        G711.encode(samples, samples.length, a, 0, true);
        return new AudioClip(name, u, a);
    }

    public String name() {
        return name;
    }

    public int frames() {
        return frames;
    }

    public Duration duration() {
        return Duration.ofMillis(frames * 20L);
    }

    /** The encoded bytes of all frames (do not modify): µ-law or A-law. */
    byte[] encoded(boolean aLaw) {
        return aLaw ? alaw : ulaw;
    }

    /** Frame {@code index} (µ-law or A-law) as a read-only view; no copy. */
    public java.nio.ByteBuffer frame(int index, boolean aLaw) {
        return java.nio.ByteBuffer.wrap(aLaw ? alaw : ulaw, index * FRAME_BYTES, FRAME_BYTES).asReadOnlyBuffer();
    }

    /** Copies frame {@code index} (µ-law or A-law) into {@code out} at {@code offset}. */
    public void copyFrame(int index, boolean aLaw, byte[] out, int offset) {
        System.arraycopy(aLaw ? alaw : ulaw, index * FRAME_BYTES, out, offset, FRAME_BYTES);
    }

    @Override
    public String toString() {
        return name + " (" + duration().toMillis() + " ms)";
    }
}
