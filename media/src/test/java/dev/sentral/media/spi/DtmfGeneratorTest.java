package dev.sentral.media.spi;

import dev.sentral.media.codec.G711;
import dev.sentral.media.dtmf.GoertzelDtmfDetector;
import dev.sentral.media.dtmf.TelephoneEvent;
import dev.sentral.media.dtmf.TelephoneEventReceiver;
import dev.sentral.media.rtp.MediaEngine;
import dev.sentral.media.rtp.RtpEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.restcomm.media.spi.dtmf.DtmfGeneratorEvent;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a phone receives when Sentral sends a key (e.g. transferring into another IVR). */
class DtmfGeneratorTest {
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 32000, 32099, Duration.ofSeconds(60), 1);

    @AfterEach
    void close() {
        engine.close();
    }

    private static List<byte[]> receiveAll(DatagramSocket s) throws Exception {
        List<byte[]> out = new ArrayList<>();
        s.setSoTimeout(400);
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                s.receive(p);
                out.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            }
        } catch (SocketTimeoutException done) {
            return out;
        }
    }

    @Test
    void anOutOfBandKeyIsOneRfc4733EventWithRedundantEnds() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phone.getLocalPort());
            SentralDtmfGenerator gen = new SentralDtmfGenerator("g1", e, 101, 0);
            List<Integer> events = new CopyOnWriteArrayList<>();
            gen.addListener(ev -> events.add(ev.getId()));

            gen.setOOBDigit("5");
            gen.start();
            List<byte[]> packets = receiveAll(phone);

            assertThat(packets).hasSize(7); // 100 ms = 5 packets, the last of them and 2 more with the end bit
            List<String> keys = new ArrayList<>();
            TelephoneEventReceiver receiver = new TelephoneEventReceiver((d, ts) -> keys.add(String.valueOf(d.symbol())));
            long firstTs = ByteBuffer.wrap(packets.get(0)).getInt(4) & 0xFFFFFFFFL;
            for (int i = 0; i < packets.size(); i++) {
                byte[] p = packets.get(i);
                ByteBuffer b = ByteBuffer.wrap(p);
                assertThat(p[1] & 0x7F).isEqualTo(101);
                assertThat((p[1] & 0x80) != 0).as("marker only on the first").isEqualTo(i == 0);
                assertThat(b.getInt(4) & 0xFFFFFFFFL).as("one timestamp for the whole event").isEqualTo(firstTs);
                TelephoneEvent ev = TelephoneEvent.parse(p, 12, 4);
                assertThat(ev.event()).isEqualTo(5);
                assertThat(ev.end()).isEqualTo(i >= 4);
                assertThat(ev.duration()).isEqualTo(Math.min(i + 1, 5) * 160);
                receiver.onPacket(firstTs, p, 12, 4);
            }
            assertThat(keys).containsExactly("5");
            await().atMost(Duration.ofSeconds(1)).until(() -> events.equals(List.of(DtmfGeneratorEvent.COMPLETED)));
        }
    }

    @Test
    void anInBandKeyIsHeardByATonesDetector() throws Exception {
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phone.getLocalPort());
            SentralDtmfGenerator gen = new SentralDtmfGenerator("g2", e, 101, 8);

            gen.setDigit("#");
            gen.start();
            List<byte[]> packets = receiveAll(phone);

            List<Character> heard = new ArrayList<>();
            GoertzelDtmfDetector detector = new GoertzelDtmfDetector(d -> heard.add(d.symbol()));
            short[] samples = new short[160];
            for (byte[] p : packets) {
                assertThat(p[1] & 0x7F).isEqualTo(8);
                G711.decode(p, 12, 160, samples, true);
                detector.process(samples, 0, 160);
            }
            assertThat(heard).containsExactly('#');
        }
    }
}
