package dev.sentral.media.rtp;

import dev.sentral.media.player.AudioClip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real UDP on loopback: what a caller's phone receives while Sentral plays to it. */
class PlayoutTest {
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 31200, 31299, Duration.ofSeconds(60), 1);

    @AfterEach
    void close() {
        engine.close();
    }

    /** A clip whose every frame is recognisable: a different tone per second, so frames differ. */
    private static AudioClip clip(String name, int seconds) {
        short[] s = new short[8000 * seconds];
        for (int i = 0; i < s.length; i++) {
            double hz = 300 + 100 * (i / 8000);
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0) + (i % 160) * 3);
        }
        return AudioClip.fromSamples(name, s);
    }

    private static byte[] frame(AudioClip clip, int index, boolean aLaw) {
        ByteBuffer b = clip.frame(index, aLaw);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private record Received(long nanos, int seq, long ts, int ssrc, int pt, byte[] payload) {
    }

    private static List<Received> receive(DatagramSocket s, int count) throws Exception {
        List<Received> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        while (out.size() < count) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            out.add(new Received(System.nanoTime(), b.getShort(2) & 0xFFFF, b.getInt(4) & 0xFFFFFFFFL, b.getInt(8),
                    b.get(1) & 0x7F, Arrays.copyOfRange(p.getData(), 12, p.getLength())));
        }
        return out;
    }

    @Test
    void tenSecondsOfAudioArriveAsFiveHundredFramesInOrderAtRealTimePace() throws Exception {
        AudioClip clip = clip("ten", 10);
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(3000);
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phone.getLocalPort());
            List<Boolean> finished = new CopyOnWriteArrayList<>();

            e.play(List.of(clip), 0, false, Playout.Position.START, (p, completed) -> finished.add(completed));
            List<Received> got = receive(phone, 500);

            for (int i = 0; i < got.size(); i++) {
                Received r = got.get(i);
                assertThat(r.payload()).as("frame %d", i).isEqualTo(frame(clip, i, false));
                assertThat(r.ssrc()).isEqualTo(e.outboundSsrc());
                assertThat(r.pt()).isZero();
                if (i > 0) {
                    assertThat(r.seq()).isEqualTo((got.get(i - 1).seq() + 1) & 0xFFFF);
                    assertThat((r.ts() - got.get(i - 1).ts()) & 0xFFFFFFFFL).isEqualTo(160);
                }
            }
            long spanMillis = (got.get(499).nanos() - got.get(0).nanos()) / 1_000_000;
            assertThat(spanMillis).as("499 intervals of 20 ms, sent in real time, not in a burst").isBetween(9_700L, 10_300L);
            await().atMost(Duration.ofSeconds(2)).until(() -> finished.equals(List.of(true)));
            assertThat(engine.playing()).isZero();
        }
    }

    @Test
    void musicStoppedForAnAnnouncementResumesAtTheSameFrameInTheSameStream() throws Exception {
        AudioClip music = clip("music", 5);
        AudioClip announcement = clip("you-are-number-2", 1);
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(3000);
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phone.getLocalPort());

            Playout first = e.play(List.of(music), 8, true, Playout.Position.START, null);
            List<Received> before = receive(phone, 30);
            first.stop();
            await().atMost(Duration.ofSeconds(1)).until(() -> engine.playing() == 0);
            Playout.Position paused = first.position();
            // drain what was sent after we stopped counting, then play the announcement
            phone.setSoTimeout(200);
            List<Received> tail = new ArrayList<>();
            try {
                tail.addAll(receive(phone, 1000));
            } catch (java.net.SocketTimeoutException done) {
                // all frames of the first playout are in
            }
            phone.setSoTimeout(3000);
            List<Received> musicFrames = new ArrayList<>(before);
            musicFrames.addAll(tail);
            assertThat(paused.frame()).isEqualTo(musicFrames.size());

            e.play(List.of(announcement), 8, false, Playout.Position.START, null);
            List<Received> spoken = receive(phone, 50);
            e.play(List.of(music), 8, true, paused, null);
            List<Received> resumed = receive(phone, 5);

            assertThat(resumed.get(0).payload()).as("music continues where it paused")
                    .isEqualTo(frame(music, paused.frame(), true));
            assertThat(spoken.get(0).payload()).isEqualTo(frame(announcement, 0, true));
            List<Received> all = new ArrayList<>(musicFrames);
            all.addAll(spoken);
            all.addAll(resumed);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).ssrc()).isEqualTo(e.outboundSsrc());
                assertThat(all.get(i).seq()).as("sequence at %d", i).isEqualTo((all.get(i - 1).seq() + 1) & 0xFFFF);
            }
        }
    }
}
