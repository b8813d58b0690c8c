package dev.sentral.media.rtp;

import dev.sentral.media.codec.G711;
import dev.sentral.media.dtmf.DigitMerger;
import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.dtmf.TelephoneEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys sent to an endpoint over real UDP, the ways a phone or gateway sends them. */
class DigitDetectionTest {
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 31400, 31499, Duration.ofSeconds(60), 1);
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private static byte[] rtp(int pt, int seq, long ts, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt((int) ts).putInt(0x1234).put(payload);
        return b.array();
    }

    /** 100 ms of a key as G.711 A-law frames, then 100 ms of silence. */
    private static byte[][] toneFrames(DtmfDigit d) {
        byte[][] frames = new byte[10][160];
        for (int f = 0; f < 10; f++) {
            for (int i = 0; i < 160; i++) {
                int n = f * 160 + i;
                double t = n / 8000.0;
                double v = f < 5 ? 5000 * (Math.sin(2 * Math.PI * d.lowHz() * t) + Math.sin(2 * Math.PI * d.highHz() * t)) : 0;
                frames[f][i] = (byte) G711.linearToAlaw((int) v);
            }
        }
        return frames;
    }

    private static byte[] event(DtmfDigit d, boolean end, int duration) {
        byte[] p = new byte[4];
        new TelephoneEvent(d.eventCode(), end, 10, duration).write(p, 0);
        return p;
    }

    @Test
    void keysSentAsEventsAndAsTonesAreEachHeardOnce() throws Exception {
        RtpEndpoint e = engine.open();
        DigitMerger merger = new DigitMerger((d, via) -> keys.add(d.symbol() + " " + via));
        e.detectDigits(101, 8, true, merger::report); // all on the endpoint's loop: one thread, as required
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int seq = 0;
            long ts = 0;
            // '4' as RFC 4733: start, update, three end packets
            for (int i = 0; i < 5; i++) {
                byte[] p = rtp(101, seq++, 8000, event(DtmfDigit.D4, i >= 2, 160 * (i + 1)));
                phone.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), e.port()));
            }
            // '9' as tones in A-law audio only
            for (byte[] frame : toneFrames(DtmfDigit.D9)) {
                byte[] p = rtp(8, seq++, ts += 160, frame);
                phone.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), e.port()));
            }
            Thread.sleep(500); // outside the merge window
            // '#' both ways at once, as many gateways do
            byte[][] tones = toneFrames(DtmfDigit.POUND);
            for (int f = 0; f < tones.length; f++) {
                byte[] audio = rtp(8, seq++, ts += 160, tones[f]);
                phone.send(new DatagramPacket(audio, audio.length, InetAddress.getLoopbackAddress(), e.port()));
                if (f < 5) {
                    byte[] ev = rtp(101, seq++, 99_000, event(DtmfDigit.POUND, f == 4, 160 * (f + 1)));
                    phone.send(new DatagramPacket(ev, ev.length, InetAddress.getLoopbackAddress(), e.port()));
                }
            }
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> keys.size() >= 3);
        Thread.sleep(300);
        assertThat(keys).containsExactly("4 RFC4733", "9 IN_BAND", "# RFC4733");
    }
}
