package dev.sentral.media.player;

import dev.sentral.media.codec.G711;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClipLoaderTest {
    @TempDir
    Path dir;

    private final ClipLoader loader = new ClipLoader();

    /** Writes a sine as a WAV file in the given encoding. */
    private Path wav(String name, double hz, int rate, int channels, int bits, AudioFormat.Encoding encoding, double seconds)
            throws Exception {
        int frames = (int) (rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames; i++) {
            short v = (short) (10000 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                pcm[at] = (byte) v;
                pcm[at + 1] = (byte) (v >> 8);
            }
        }
        AudioFormat pcmFormat = new AudioFormat(rate, 16, channels, true, false);
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), pcmFormat, frames);
        if (encoding != AudioFormat.Encoding.PCM_SIGNED || bits != 16) {
            AudioFormat target = encoding == AudioFormat.Encoding.PCM_UNSIGNED
                    ? new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, rate, 8, channels, channels, rate, false)
                    : new AudioFormat(encoding, rate, 8, channels, channels, rate, false);
            stream = AudioSystem.getAudioInputStream(target, stream);
        }
        Path file = dir.resolve(name);
        AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    /** Decodes the clip's µ-law frames back to samples. */
    private static short[] samples(AudioClip clip) {
        byte[] u = clip.encoded(false);
        short[] out = new short[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = (short) G711.ulawToLinear(u[i]);
        }
        return out;
    }

    /** Power at one frequency (Goertzel over the whole signal, skipping the edges). */
    private static double power(short[] x, double hz) {
        double c = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = 400; i < x.length - 400; i++) {
            double s0 = x[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - c * s1 * s2;
    }

    private static double rms(short[] x) {
        double sum = 0;
        for (int i = 400; i < x.length - 400; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, x.length - 800));
    }

    @Test
    void aCdQualityStereoWavBecomesEightKilohertzFramesOfTheSameTone() throws Exception {
        AudioClip clip = loader.load(wav("music.wav", 1000, 44100, 2, 16, AudioFormat.Encoding.PCM_SIGNED, 1.0));

        assertThat(clip.frames()).isEqualTo(50);
        short[] s = samples(clip);
        assertThat(power(s, 1000)).isGreaterThan(100 * power(s, 500)).isGreaterThan(100 * power(s, 2000));
        assertThat(rms(s)).isBetween(6000.0, 8000.0); // amplitude 10000 → RMS 7071
    }

    @Test
    void toneAboveTheTelephoneBandIsFilteredNotAliased() throws Exception {
        // 6 kHz at 44.1 kHz would fold to 2 kHz if simply decimated.
        AudioClip clip = loader.load(wav("high.wav", 6000, 44100, 1, 16, AudioFormat.Encoding.PCM_SIGNED, 1.0));

        assertThat(rms(samples(clip))).isLessThan(200);
    }

    @Test
    void muLawALawAndEightBitWavFilesAreRead() throws Exception {
        for (AudioFormat.Encoding e : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW, AudioFormat.Encoding.ALAW,
                AudioFormat.Encoding.PCM_UNSIGNED}) {
            AudioClip clip = loader.load(wav(e + ".wav", 800, 8000, 1, 8, e, 0.5));

            assertThat(clip.frames()).as(e.toString()).isEqualTo(25);
            short[] s = samples(clip);
            assertThat(power(s, 800)).as(e.toString()).isGreaterThan(50 * power(s, 1600));
        }
    }

    @Test
    void mp3IsDecoded() throws Exception {
        Path mp3 = Path.of("src/test/resources/audio/tone440.mp3");

        AudioClip clip = loader.load(mp3);

        assertThat(clip.duration().toMillis()).isBetween(1900L, 2200L);
        short[] s = samples(clip);
        assertThat(power(s, 440)).isGreaterThan(50 * power(s, 880));
    }

    @Test
    void eachFileIsDecodedOnce() throws Exception {
        Path f = wav("once.wav", 500, 8000, 1, 16, AudioFormat.Encoding.PCM_SIGNED, 0.2);

        assertThat(loader.load(f)).isSameAs(loader.load(dir.resolve("./once.wav")));
        assertThat(loader.cached()).isEqualTo(1);
    }

    @Test
    void unusableFilesAreRefusedWithAReasonAndWhatToDo() throws Exception {
        Path wma = dir.resolve("greeting.wma");
        Files.write(wma, new byte[] {0x30, 0x26, (byte) 0xB2, 0x75});
        Path garbage = dir.resolve("noise.wav");
        Files.write(garbage, "this is not audio at all".getBytes());

        assertThatThrownBy(() -> loader.load(wma)).isInstanceOf(AudioFileException.class)
                .hasMessageContaining("greeting.wma").hasMessageContaining("convert it to WAV or MP3");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.wav"))).isInstanceOf(AudioFileException.class)
                .hasMessageContaining("missing.wav: file not found");
        assertThatThrownBy(() -> loader.load(garbage)).isInstanceOf(AudioFileException.class)
                .hasMessageContaining("noise.wav").hasMessageContaining("use WAV");
    }
}
