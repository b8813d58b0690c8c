package dev.sentral.media.rtp;

import dev.sentral.media.codec.G711;
import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.dtmf.TelephoneEvent;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * Records what the far end of one endpoint sends into a WAV file (16-bit PCM, 8 kHz mono): for voicemail
 * and for greetings recorded by phone. Ends at the maximum duration, after {@code silence} of quiet once the
 * caller has spoken, when nobody speaks within {@code noSpeech}, when the caller presses a key (RFC 4733),
 * or when {@link #stop()} is called. Trailing silence is trimmed.
 *
 * <p>Threading: frames arrive on the endpoint's event loop and are only buffered there (the length is bounded
 * by the maximum duration); all state changes happen on that loop; the file is written on {@code io}, which
 * then calls the listener.
 */
public final class Recording {
    /** Why a recording ended. */
    public enum Reason { MAX_DURATION, SILENCE, NO_SPEECH, KEY, STOPPED, FAILED }

    /** Told once, on the I/O executor, after the file is written (or writing failed: reason FAILED). */
    public interface Listener {
        void finished(Recording recording, Reason reason, DtmfDigit key, Duration recorded);
    }

    /**
     * @param file              where to write the WAV
     * @param maxDuration       longest recording
     * @param silence           quiet after speech that ends the recording
     * @param noSpeech          how long to wait for the caller to start speaking
     * @param audioPt           G.711 payload type of the stream (0 µ-law, 8 A-law)
     * @param telephoneEventPt  RFC 4733 payload type whose keys end the recording, or -1
     */
    public record Options(Path file, Duration maxDuration, Duration silence, Duration noSpeech, int audioPt,
                          int telephoneEventPt) {
    }

    /** Frame RMS (16-bit scale) above which a frame counts as speech: about -44 dBFS. */
    static final double SPEECH_RMS = 200;
    private static final int TRAILING_KEEP_FRAMES = 10; // keep 200 ms after the last speech

    private final Options options;
    private final Executor loop;
    private final Executor io;
    private final Listener listener;
    private final int maxFrames;
    private final int silenceFrames;
    private final int noSpeechFrames;
    private final short[] frameSamples = new short[160];
    private final byte[] payload = new byte[2048];
    private short[] pcm;
    private int samples;
    private int frames;
    private int lastSpeechFrame = -1;
    private boolean done;

    Recording(Options options, Executor loop, Executor io, Listener listener) {
        this.options = options;
        this.loop = loop;
        this.io = io;
        this.listener = listener;
        this.maxFrames = (int) (options.maxDuration().toMillis() / 20);
        this.silenceFrames = (int) (options.silence().toMillis() / 20);
        this.noSpeechFrames = (int) (options.noSpeech().toMillis() / 20);
        this.pcm = new short[Math.min(maxFrames, 50 * 30) * 160]; // grows up to the maximum
    }

    /** Ends the recording now, keeping what was recorded (reason STOPPED). Any thread. */
    public void stop() {
        loop.execute(() -> {
            if (!done) {
                finish(Reason.STOPPED, null);
            }
        });
    }

    /** Called on the event loop for every RTP packet from the far end; false once finished. */
    boolean onPacket(ByteBuf rtp) {
        if (done) {
            return false;
        }
        int base = rtp.readerIndex();
        int pt = rtp.getByte(base + 1) & 0x7F;
        int header = 12 + 4 * (rtp.getByte(base) & 0x0F);
        int length = rtp.readableBytes() - header;
        if (pt == options.telephoneEventPt() && length >= 4) {
            rtp.getBytes(base + header, payload, 0, 4);
            TelephoneEvent e = TelephoneEvent.parse(payload, 0, 4);
            DtmfDigit key = e == null ? null : DtmfDigit.ofEventCode(e.event());
            if (key != null) {
                finish(Reason.KEY, key);
                return false;
            }
            return true;
        }
        if (pt != options.audioPt() || length <= 0 || length > payload.length) {
            return true;
        }
        rtp.getBytes(base + header, payload, 0, length);
        short[] frame = length <= frameSamples.length ? frameSamples : new short[length];
        G711.decode(payload, 0, length, frame, pt == 8);
        append(frame, length);
        frames++;
        if (rms(frame, length) > SPEECH_RMS) {
            lastSpeechFrame = frames;
        }
        if (frames >= maxFrames) {
            finish(Reason.MAX_DURATION, null);
        } else if (lastSpeechFrame < 0 && frames >= noSpeechFrames) {
            finish(Reason.NO_SPEECH, null);
        } else if (lastSpeechFrame >= 0 && frames - lastSpeechFrame >= silenceFrames) {
            finish(Reason.SILENCE, null);
        }
        return !done;
    }

    private void append(short[] frame, int length) {
        if (samples + length > pcm.length) {
            pcm = Arrays.copyOf(pcm, Math.max(pcm.length * 2, samples + length));
        }
        System.arraycopy(frame, 0, pcm, samples, length);
        samples += length;
    }

    private static double rms(short[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, n));
    }

    private void finish(Reason reason, DtmfDigit key) {
        done = true;
        int keep = samples;
        if (reason == Reason.SILENCE && lastSpeechFrame >= 0) {
            keep = Math.min(samples, (lastSpeechFrame + TRAILING_KEEP_FRAMES) * 160);
        }
        short[] audio = Arrays.copyOf(pcm, keep);
        pcm = null;
        io.execute(() -> {
            Reason outcome = reason;
            try {
                writeWav(options.file(), audio);
            } catch (IOException e) {
                outcome = Reason.FAILED;
            }
            if (listener != null) {
                listener.finished(this, outcome, key, Duration.ofMillis(audio.length / 8));
            }
        });
    }

    /** Writes 16-bit PCM mono 8 kHz WAV. */
    static void writeWav(Path file, short[] audio) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + audio.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + audio.length * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(audio.length * 2);
        for (short s : audio) {
            b.putShort(s);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(b.array());
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
