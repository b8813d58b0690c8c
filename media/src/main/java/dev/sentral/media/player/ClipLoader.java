package dev.sentral.media.player;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads WAV (PCM 8/16-bit at any rate, µ-law, A-law) and MP3 files into {@link AudioClip}s: decoded, mixed
 * to mono, resampled to 8 kHz and G.711-encoded once, then cached by path. MP3 decoding comes from the
 * mp3spi Java Sound provider on the classpath. WMA has no maintained Java decoder, so it is refused with a
 * message that says to convert it.
 *
 * <p>Thread-safe. Loading blocks (file I/O and decoding): call it at configuration load, never on an
 * event loop or a call's executor.
 */
public final class ClipLoader {
    private final Map<Path, AudioClip> cache = new ConcurrentHashMap<>();
    private final Map<String, AudioClip> resources = new ConcurrentHashMap<>();

    public AudioClip load(Path file) throws AudioFileException {
        Path key = file.toAbsolutePath().normalize();
        AudioClip cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        AudioClip clip = decode(file);
        AudioClip raced = cache.putIfAbsent(key, clip);
        return raced != null ? raced : clip;
    }

    /**
     * A clip shipped inside Sentral's jar (system prompts under {@code prompts/}), by resource name such as
     * {@code prompts/en/cannot-take-call.wav}; decoded once and cached like files.
     */
    public AudioClip loadResource(String name) throws AudioFileException {
        AudioClip cached = resources.get(name);
        if (cached != null) {
            return cached;
        }
        Path label = Path.of(name);
        java.net.URL url = ClipLoader.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new AudioFileException(label, "no such prompt in Sentral's jar");
        }
        AudioClip clip = decode(label, url::openStream);
        AudioClip raced = resources.putIfAbsent(name, clip);
        return raced != null ? raced : clip;
    }

    public int cached() {
        return cache.size() + resources.size();
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    static AudioClip decode(Path file) throws AudioFileException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".wma") || lower.endsWith(".asf")) {
            throw new AudioFileException(file, "WMA cannot be decoded (no maintained Java decoder); "
                    + "convert it to WAV or MP3, e.g. ffmpeg -i in.wma -ar 8000 -ac 1 out.wav");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioFileException(file, "file not found");
        }
        return decode(file, () -> Files.newInputStream(file));
    }

    private static AudioClip decode(Path file, Source source0) throws AudioFileException {
        try (InputStream raw = new BufferedInputStream(source0.open());
             AudioInputStream source = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat in = source.getFormat();
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, in.getSampleRate(), 16,
                    in.getChannels(), in.getChannels() * 2, in.getSampleRate(), false);
            try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, source)) {
                byte[] bytes = readAll(decoded);
                short[] mono = toMono(bytes, pcm.getChannels());
                int rate = Math.round(pcm.getSampleRate());
                if (mono.length == 0) {
                    throw new AudioFileException(file, "contains no audio");
                }
                return AudioClip.fromSamples(file.getFileName().toString(), Resampler.to8k(mono, rate));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(file, "not a WAV or MP3 file this server can read ("
                    + e.getMessage() + "); use WAV (PCM, µ-law or A-law) or MP3", e);
        } catch (IllegalArgumentException e) {
            throw new AudioFileException(file, "this encoding cannot be converted to PCM (" + e.getMessage()
                    + "); use WAV (PCM, µ-law or A-law) or MP3", e);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(file, "file not found", e);
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(AudioInputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static short[] toMono(byte[] le16, int channels) {
        int frames = le16.length / (2 * channels);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int i = (f * channels + c) * 2;
                sum += (short) ((le16[i] & 0xFF) | (le16[i + 1] << 8));
            }
            out[f] = (short) (sum / channels);
        }
        return out;
    }
}
