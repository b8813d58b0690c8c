package dev.sentral.media.spi;

import dev.sentral.media.CallMedia;
import dev.sentral.media.codec.G711;
import dev.sentral.media.rtp.MediaEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restcomm.media.spi.recorder.Recorder;
import org.restcomm.media.spi.recorder.RecorderEvent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Call control's entry point: a call's media from the factory, with the SPI recorder on the caller's leg. */
class CallMediaTest {
    @TempDir
    Path dir;

    private final MediaEngine engine = new MediaEngine("127.0.0.1", 32400, 32499, Duration.ofSeconds(60), 1);
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        engine.close();
        io.shutdownNow();
    }

    @Test
    void aVoicemailIsRecordedThroughTheSpiAndEndsOnMaximumLength() throws Exception {
        CallMedia call = engine.openCall();
        assertThat(call.member().port()).isNotEqualTo(call.caller().port());
        Recorder recorder = call.caller().recorder("vm", 0, 101, io);
        List<String> events = new CopyOnWriteArrayList<>();
        recorder.addListener(e -> events.add(e.getID() + "/" + e.getQualifier()));
        recorder.setRecordDir(dir.toString());
        recorder.setRecordFile("message.wav", false);
        recorder.setMaxRecordTime(500);
        recorder.activate();

        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int f = 0; f < 40; f++) {
                ByteBuffer b = ByteBuffer.allocate(172);
                b.put((byte) 0x80).put((byte) 0).putShort((short) f).putInt(160 * f).putInt(3);
                for (int i = 0; i < 160; i++) {
                    b.put((byte) G711.linearToUlaw((int) (6000 * Math.sin(2 * Math.PI * 400 * (f * 160 + i) / 8000.0))));
                }
                phone.send(new DatagramPacket(b.array(), 172, InetAddress.getLoopbackAddress(), call.caller().port()));
            }
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> events.size() == 2);
        assertThat(events).containsExactly(RecorderEvent.START + "/0",
                RecorderEvent.STOP + "/" + RecorderEvent.MAX_DURATION_EXCEEDED);
        assertThat(Files.size(dir.resolve("message.wav"))).isEqualTo(44 + 500 * 16); // 0.5 s of 16-bit 8 kHz
        call.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> engine.openEndpoints() == 0);
    }
}
