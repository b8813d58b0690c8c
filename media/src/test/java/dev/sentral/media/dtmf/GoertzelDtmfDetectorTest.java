package dev.sentral.media.dtmf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GoertzelDtmfDetectorTest {
    private static final int RATE = GoertzelDtmfDetector.SAMPLE_RATE;

    private final List<Character> keys = new ArrayList<>();
    private final GoertzelDtmfDetector detector = new GoertzelDtmfDetector(d -> keys.add(d.symbol()));

    @Test
    void allSixteenKeysAreHeardThroughNoiseAt20dbSnr() {
        String sequence = "0123456789*#ABCD";
        Random random = new Random(4733);
        short[] audio = new short[RATE * 4];
        int pos = 0;
        for (char c : sequence.toCharArray()) {
            pos = tone(audio, pos, DtmfDigit.ofSymbol(c), 100, 6000);
            pos += RATE / 10; // 100 ms pause
        }
        addNoise(audio, random, 20, 6000);

        feedInFrames(audio);

        assertThat(keys).extracting(String::valueOf).containsExactlyElementsOf(sequence.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    @Test
    void aLongPressIsOneKeyAndAQuietToneIsIgnored() {
        short[] audio = new short[RATE * 2];
        int pos = tone(audio, 0, DtmfDigit.D5, 800, 6000);
        tone(audio, pos + RATE / 5, DtmfDigit.D6, 100, 40); // far below the detection level

        feedInFrames(audio);

        assertThat(keys).containsExactly('5');
    }

    @Test
    void sixtySecondsOfMusicGiveNoKey() {
        feedInFrames(music(new Random(1), 60));

        assertThat(keys).isEmpty();
    }

    @Test
    void sixtySecondsOfSpeechLikeSoundGiveNoKey() {
        feedInFrames(speechLike(new Random(2), 60));

        assertThat(keys).isEmpty();
    }

    /** 20 ms frames, as they come out of RTP. */
    private void feedInFrames(short[] audio) {
        for (int off = 0; off + 160 <= audio.length; off += 160) {
            detector.process(audio, off, 160);
        }
    }

    private static int tone(short[] out, int pos, DtmfDigit d, int ms, double amplitude) {
        int n = RATE * ms / 1000;
        for (int i = 0; i < n && pos + i < out.length; i++) {
            double t = (double) i / RATE;
            out[pos + i] += (short) (amplitude * (Math.sin(2 * Math.PI * d.lowHz() * t) + Math.sin(2 * Math.PI * d.highHz() * t)) / 2);
        }
        return pos + n;
    }

    /** White noise whose power is {@code snrDb} below that of a key at {@code toneAmplitude}. */
    private static void addNoise(short[] audio, Random r, double snrDb, double toneAmplitude) {
        double signalPower = 2 * Math.pow(toneAmplitude / 2, 2) / 2; // two sines of amplitude A/2
        double noiseRms = Math.sqrt(signalPower / Math.pow(10, snrDb / 10));
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (short) Math.max(-32768, Math.min(32767, audio[i] + r.nextGaussian() * noiseRms));
        }
    }

    /**
     * Chords of three equal-tempered notes with harmonics (many land within a few Hz of DTMF frequencies:
     * F5 ≈ 698 Hz, F#6 ≈ 1480 Hz), each lasting 100–500 ms, with percussive noise hits.
     */
    static short[] music(Random r, int seconds) {
        short[] out = new short[RATE * seconds];
        int pos = 0;
        while (pos < out.length) {
            int len = RATE * (100 + r.nextInt(400)) / 1000;
            double[] notes = new double[3];
            for (int k = 0; k < 3; k++) {
                int semitone = r.nextInt(36) - 12; // around A4..A7
                notes[k] = 440 * Math.pow(2, (semitone + 12) / 12.0);
            }
            for (int i = 0; i < len && pos + i < out.length; i++) {
                double t = (double) i / RATE;
                double envelope = Math.exp(-3.0 * i / len);
                double v = 0;
                for (double f : notes) {
                    for (int h = 1; h <= 4; h++) {
                        if (f * h < RATE / 2.0) {
                            v += Math.sin(2 * Math.PI * f * h * t) / h;
                        }
                    }
                }
                if (i < 200 && r.nextInt(4) == 0) {
                    v += r.nextGaussian() * 2; // a drum hit
                }
                out[pos + i] = (short) Math.max(-32768, Math.min(32767, 3000 * envelope * v));
            }
            pos += len;
        }
        return out;
    }

    /** A voice-like signal: a gliding 90–220 Hz pitch with 30 harmonics shaped by moving formants. */
    static short[] speechLike(Random r, int seconds) {
        short[] out = new short[RATE * seconds];
        double phase = 0;
        double f0 = 120;
        double f1 = 500;
        double f2 = 1500;
        for (int i = 0; i < out.length; i++) {
            if (i % 400 == 0) {
                f0 = 90 + r.nextDouble() * 130;
                f1 = 300 + r.nextDouble() * 600;
                f2 = 900 + r.nextDouble() * 1500;
            }
            phase += 2 * Math.PI * f0 / RATE;
            double v = 0;
            for (int h = 1; h <= 30 && f0 * h < RATE / 2.0; h++) {
                double f = f0 * h;
                double gain = Math.exp(-Math.pow((f - f1) / 150, 2)) + 0.6 * Math.exp(-Math.pow((f - f2) / 200, 2)) + 0.05;
                v += gain * Math.sin(h * phase);
            }
            out[i] = (short) Math.max(-32768, Math.min(32767, 2500 * v));
        }
        return out;
    }
}
