package dev.sentral.media.rtp;

import dev.sentral.media.player.AudioClip;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RtcpTest {
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 32200, 32299, Duration.ofSeconds(60), 1,
            Duration.ofMillis(400));

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void receptionCountsLossAcrossSequenceWrapAround() {
        ReceptionStats s = new ReceptionStats();
        long t = 0;
        int seq = 65530;
        for (int i = 0; i < 20; i++) {
            if (i != 7 && i != 8 && i != 9) { // three lost, spanning the wrap
                s.onPacket(seq & 0xFFFF, 160L * i, 42, t);
            }
            seq++;
            t += 20_000_000L;
        }

        assertThat(s.expected()).isEqualTo(20);
        assertThat(s.cumulativeLost()).isEqualTo(3);
        assertThat(s.extendedHighestSeq()).isEqualTo(0x10000 + 13);
        assertThat(s.fractionLostSinceLastReport()).isEqualTo(3 * 256 / 20);
        assertThat(s.fractionLostSinceLastReport()).as("nothing new since").isZero();
        assertThat(s.jitter()).as("perfectly paced").isZero();
    }

    @Test
    void aSenderReportWithABlockReadsBack() {
        ReceptionStats s = new ReceptionStats();
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                s.onPacket(100 + i, 160L * i, 0xABCDL, i * 20_000_000L);
            }
        }
        ByteBuf out = Unpooled.buffer();
        Rtcp.writeCompound(out, 0x1111, true, Rtcp.ntp(1_700_000_000_000L), 8000, 50, 8000, s, 0, 0, "sentral@127.0.0.1");

        Rtcp.Received r = Rtcp.read(out, 0xABCD);

        assertThat(r.senderSsrc()).isEqualTo(0x1111);
        assertThat(r.srNtpMiddle()).isNotNegative();
        assertThat(r.aboutUs().cumulativeLost()).isEqualTo(1);
        assertThat(r.aboutUs().highestSeq()).isEqualTo(109);
        assertThat(out.readableBytes() % 4).as("32-bit aligned").isZero();
    }

    @Test
    void theFarEndGetsReportsOfWhatItSentAndItsReportsAreTakenIn() throws Exception {
        try (DatagramSocket phoneRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket phoneRtcp = new DatagramSocket(phoneRtp.getLocalPort() + 1, InetAddress.getLoopbackAddress())) {
            phoneRtcp.setSoTimeout(3000);
            RtpEndpoint e = engine.open();
            e.setRemote("127.0.0.1", phoneRtp.getLocalPort());
            e.play(List.of(AudioClip.fromSamples("s", new short[8000])), 0, false, Playout.Position.START, null);
            for (int i = 0; i < 30; i++) {
                if (i % 10 == 5) {
                    continue; // three packets lost on the way in
                }
                ByteBuffer b = ByteBuffer.allocate(172);
                b.put((byte) 0x80).put((byte) 0).putShort((short) i).putInt(160 * i).putInt(0x1234);
                phoneRtp.send(new DatagramPacket(b.array(), 172, InetAddress.getLoopbackAddress(), e.port()));
            }

            Rtcp.Received report = null;
            for (int tries = 0; tries < 10 && (report == null || report.aboutUs() == null); tries++) {
                DatagramPacket p = new DatagramPacket(new byte[512], 512);
                phoneRtcp.receive(p);
                assertThat(p.getPort()).as("RTCP comes from the odd port").isEqualTo(e.port() + 1);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
                assertThat(text).contains("sentral@127.0.0.1");
                report = Rtcp.read(Unpooled.wrappedBuffer(p.getData(), 0, p.getLength()), 0x1234);
            }
            assertThat(report.senderSsrc()).isEqualTo(e.outboundSsrc() & 0xFFFFFFFFL);
            assertThat(report.srNtpMiddle()).as("a sender report: Sentral is sending").isNotNegative();
            assertThat(report.aboutUs().cumulativeLost()).isEqualTo(3);
            assertThat(report.aboutUs().highestSeq()).isEqualTo(29);

            // the phone reports 25% loss of what Sentral sends it
            ByteBuf rr = Unpooled.buffer();
            rr.writeByte(0x81).writeByte(201).writeShort(7).writeInt(0x1234);
            rr.writeInt(e.outboundSsrc()).writeInt((64 << 24) | 12).writeInt(500).writeInt(80).writeInt(0).writeInt(0);
            byte[] bytes = new byte[rr.readableBytes()];
            rr.readBytes(bytes);
            phoneRtcp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), e.port() + 1));

            await().atMost(Duration.ofSeconds(2)).until(() -> e.farEndReport() != null);
            assertThat(e.farEndReport()).isEqualTo(new RtpEndpoint.FarEndReport(0.25, 12, 10.0));
            assertThat(e.reception().lost()).isEqualTo(3);
        }
    }
}
