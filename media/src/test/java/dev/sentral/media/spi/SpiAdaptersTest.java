package dev.sentral.media.spi;

import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.dtmf.TelephoneEvent;
import dev.sentral.media.player.ClipLoader;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.media.rtp.RtpEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restcomm.media.spi.ResourceUnavailableException;
import org.restcomm.media.spi.dtmf.DtmfDetector;
import org.restcomm.media.spi.player.Player;
import org.restcomm.media.spi.player.PlayerEvent;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Call control's view of media: the Restcomm SPI interfaces, backed by the engine, over real UDP. */
class SpiAdaptersTest {
    @TempDir
    Path dir;

    private final MediaEngine engine = new MediaEngine("127.0.0.1", 31600, 31699, Duration.ofSeconds(60), 1);
    private final ExecutorService callThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        engine.close();
        callThread.shutdownNow();
    }

    private Path wav(String name, int millis) throws Exception {
        int frames = 8 * millis;
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short v = (short) (6000 * Math.sin(2 * Math.PI * 600 * i / 8000.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat f = new AudioFormat(8000, 16, 1, true, false);
        Path file = dir.resolve(name);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, frames), AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    @Test
    void thePlayerPlaysAPlaylistAndReportsStartAndStop() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(2000);
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phone.getLocalPort());
            Player player = new SentralPlayer("p1", e, new ClipLoader(), 0);
            List<Integer> events = new CopyOnWriteArrayList<>();
            player.addListener(ev -> events.add(ev.getID()));

            player.setURL(wav("welcome.wav", 200).toUri() + "," + wav("please-hold.wav", 100));
            assertThat(player.getDuration()).isEqualTo(300);
            player.start();

            int received = 0;
            byte[] buf = new byte[512];
            while (received < 15) {
                phone.receive(new DatagramPacket(buf, buf.length));
                received++;
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> events.equals(List.of(PlayerEvent.START, PlayerEvent.STOP)));
            assertThat(player.getPacketsTransmitted()).isEqualTo(15);
            assertThat(player.getMediaTime()).isEqualTo(300);
        }
    }

    @Test
    void thePlayerRefusesWhatItCannotPlay() {
        Player player = new SentralPlayer("p2", null, new ClipLoader(), 8);

        assertThatThrownBy(() -> player.setURL("http://example.invalid/x.wav"))
                .isInstanceOf(java.net.MalformedURLException.class);
        assertThatThrownBy(() -> player.setURL(dir.resolve("missing.wav").toString()))
                .isInstanceOf(ResourceUnavailableException.class).hasMessageContaining("file not found");
    }

    @Test
    void theDetectorHearsRtpEventsAndInfoDigitsOnTheCallsThread() throws Exception {
        RtpEndpoint e = engine.open();
        SentralDtmfDetector detector = new SentralDtmfDetector("d1", e, callThread).configure(101, 0, true);
        List<String> keys = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        detector.addListener(ev -> {
            keys.add(ev.getTone());
            threads.add(Thread.currentThread().getName());
        });
        DtmfDetector spi = detector;
        spi.activate();

        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 4; i++) {
                ByteBuffer b = ByteBuffer.allocate(16);
                b.put((byte) 0x80).put((byte) 101).putShort((short) i).putInt(4000).putInt(77);
                byte[] payload = new byte[4];
                new TelephoneEvent(DtmfDigit.D3.eventCode(), i >= 1, 10, 160 * (i + 1)).write(payload, 0);
                b.put(payload);
                phone.send(new DatagramPacket(b.array(), 16, InetAddress.getLoopbackAddress(), e.port()));
            }
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> keys.size() == 1);
        callThread.submit(() -> detector.infoDigit(DtmfDigit.D3)).get();   // the same press, also as INFO
        Thread.sleep(500);
        callThread.submit(() -> detector.infoDigit(DtmfDigit.STAR)).get(); // a new press, INFO only

        await().atMost(Duration.ofSeconds(2)).until(() -> keys.size() == 2);
        assertThat(keys).containsExactly("3", "*");
        String callThreadName = callThread.submit(() -> Thread.currentThread().getName()).get();
        assertThat(threads).containsOnly(callThreadName);

        spi.deactivate();
        assertThat(spi.isStarted()).isFalse();
    }
}
