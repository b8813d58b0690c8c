package dev.sentral.media.rtp;

import dev.sentral.media.codec.G711;
import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.dtmf.TelephoneEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A caller leaving a message: RTP over UDP in, a WAV file out. */
class RecordingTest {
    @TempDir
    Path dir;

    private final MediaEngine engine = new MediaEngine("127.0.0.1", 31800, 31899, Duration.ofSeconds(60), 1);
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final List<String> results = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
        io.shutdownNow();
    }

    private int seq;
    private long ts;

    /** Sends {@code millis} of a 500 Hz "voice" (or silence) as µ-law frames, paced loosely. */
    private void talk(DatagramSocket phone, RtpEndpoint e, int millis, boolean voice) throws Exception {
        for (int f = 0; f < millis / 20; f++) {
            ByteBuffer b = ByteBuffer.allocate(172);
            b.put((byte) 0x80).put((byte) 0).putShort((short) seq++).putInt((int) (ts += 160)).putInt(5);
            for (int i = 0; i < 160; i++) {
                double v = voice ? 8000 * Math.sin(2 * Math.PI * 500 * (f * 160 + i) / 8000.0) : 0;
                b.put((byte) G711.linearToUlaw((int) v));
            }
            phone.send(new DatagramPacket(b.array(), 172, InetAddress.getLoopbackAddress(), e.port()));
            if (f % 10 == 9) {
                Thread.sleep(5);
            }
        }
    }

    private Recording.Listener listener() {
        return (r, reason, key, recorded) -> results.add(reason + (key == null ? "" : " " + key.symbol())
                + " " + recorded.toMillis());
    }

    private static long wavMillis(Path f) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            assertThat(in.getFormat().getSampleRate()).isEqualTo(8000f);
            assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(16);
            return in.getFrameLength() / 8;
        }
    }

    @Test
    void aMessageEndsAfterSilenceWithTheSilenceTrimmed() throws Exception {
        RtpEndpoint e = engine.open();
        Path file = dir.resolve("vm/message.wav");
        e.record(new Recording.Options(file, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(5), 0, 101),
                io, listener());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            talk(phone, e, 1000, false);
            talk(phone, e, 2000, true);
            talk(phone, e, 1500, false);
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> results.size() == 1);
        assertThat(results.get(0)).startsWith("SILENCE 3200"); // 1 s lead-in + 2 s speech + 200 ms kept
        assertThat(wavMillis(file)).isEqualTo(3200);
    }

    @Test
    void theMaximumDurationIsEnforced() throws Exception {
        RtpEndpoint e = engine.open();
        Path file = dir.resolve("long.wav");
        e.record(new Recording.Options(file, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), 0, 101),
                io, listener());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            talk(phone, e, 2000, true);
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> results.size() == 1);
        assertThat(results).containsExactly("MAX_DURATION 1000");
        assertThat(wavMillis(file)).isEqualTo(1000);
    }

    @Test
    void aKeyEndsTheRecordingAndNobodySpeakingIsNoted() throws Exception {
        RtpEndpoint e = engine.open();
        e.record(new Recording.Options(dir.resolve("greeting.wav"), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 0, 101), io, listener());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            talk(phone, e, 600, true);
            ByteBuffer b = ByteBuffer.allocate(16);
            b.put((byte) 0x80).put((byte) 101).putShort((short) seq++).putInt((int) ts).putInt(5);
            byte[] ev = new byte[4];
            new TelephoneEvent(DtmfDigit.POUND.eventCode(), false, 10, 160).write(ev, 0);
            b.put(ev);
            phone.send(new DatagramPacket(b.array(), 16, InetAddress.getLoopbackAddress(), e.port()));
            await().atMost(Duration.ofSeconds(3)).until(() -> results.size() == 1);

            e.record(new Recording.Options(dir.resolve("quiet.wav"), Duration.ofSeconds(60), Duration.ofSeconds(5),
                    Duration.ofMillis(500), 0, 101), io, listener());
            talk(phone, e, 800, false);
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> results.size() == 2);
        assertThat(results).containsExactly("KEY # 600", "NO_SPEECH 500");
    }

    @Test
    void stoppingKeepsWhatWasRecordedEvenWhenNoMorePacketsCome() throws Exception {
        RtpEndpoint e = engine.open();
        Recording r = e.record(new Recording.Options(dir.resolve("hangup.wav"), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 0, 101), io, listener());
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            talk(phone, e, 400, true);
        }
        Thread.sleep(200); // the caller hung up: nothing more arrives

        r.stop();

        await().atMost(Duration.ofSeconds(3)).until(() -> results.size() == 1);
        assertThat(results).containsExactly("STOPPED 400");
        assertThat(wavMillis(dir.resolve("hangup.wav"))).isEqualTo(400);
    }
}
