package dev.sentral.media.rtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real UDP on loopback: two "phones" talk through two relayed endpoints. */
class RtpRelayTest {
    private final MediaEngine engine = new MediaEngine("127.0.0.1", 31000, 31099, Duration.ofSeconds(2), 1);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void packetsCrossTheRelayInBothDirections() throws Exception {
        try (DatagramSocket caller = socket(); DatagramSocket member = socket()) {
            RtpEndpoint a = engine.open();
            RtpEndpoint b = bridged(a, caller.getLocalPort(), member.getLocalPort());

            send(caller, a.port(), rtp(1));
            assertThat(receive(member)[1] & 0x7f).isEqualTo(1);
            send(member, b.port(), rtp(2));
            assertThat(receive(caller)[1] & 0x7f).isEqualTo(2);
            assertThat(a.packetsReceived()).isEqualTo(1);
            assertThat(b.packetsSent()).isEqualTo(1);
        }
    }

    @Test
    void dtmfEventsCrossTheBridgeIntactWithTheirSharedTimestamp() throws Exception {
        try (DatagramSocket caller = socket(); DatagramSocket member = socket()) {
            RtpEndpoint a = engine.open();
            RtpEndpoint b = bridged(a, caller.getLocalPort(), member.getLocalPort());

            for (int i = 0; i < 4; i++) { // start, update, end, end again: one event, one timestamp
                byte[] p = rtp(101);
                java.nio.ByteBuffer.wrap(p).putShort(2, (short) (700 + i)).putInt(4, 123_456).putInt(8, 0x0BAD);
                p[12] = 9;                                  // event: key 9
                p[13] = (byte) (i >= 2 ? 0x8A : 0x0A);      // end bit on the last two
                java.nio.ByteBuffer.wrap(p).putShort(14, (short) (160 * Math.min(i + 1, 3)));
                send(caller, a.port(), java.util.Arrays.copyOf(p, 16));
            }
            long firstTs = -1;
            for (int i = 0; i < 4; i++) {
                DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
                member.receive(got);
                java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(got.getData(), 0, got.getLength());
                assertThat(got.getLength()).isEqualTo(16);
                assertThat(r.get(1) & 0x7F).isEqualTo(101);
                assertThat(r.getInt(8)).as("Sentral's SSRC toward the member").isEqualTo(b.outboundSsrc());
                long ts = r.getInt(4) & 0xFFFFFFFFL;
                if (firstTs < 0) {
                    firstTs = ts;
                }
                assertThat(ts).as("the event keeps one timestamp").isEqualTo(firstTs);
                assertThat(r.get(12)).isEqualTo((byte) 9);
                assertThat((r.get(13) & 0x80) != 0).isEqualTo(i >= 2);
            }
        }
    }

    @Test
    void theFarEndIsLatchedToWherePacketsComeFrom() throws Exception {
        try (DatagramSocket natted = socket(); DatagramSocket member = socket()) {
            RtpEndpoint a = engine.open();
            // port 9 is what the caller's SDP claimed; nothing listens there
            RtpEndpoint b = bridged(a, 9, member.getLocalPort());

            send(natted, a.port(), rtp(0));
            receive(member);
            send(member, b.port(), rtp(0));

            assertThat(receive(natted)).isNotNull();
            assertThat(a.remote()).isEqualTo(new InetSocketAddress("127.0.0.1", natted.getLocalPort()));
        }
    }

    @Test
    void garbageIsDroppedAndCounted() throws Exception {
        try (DatagramSocket s = socket()) {
            RtpEndpoint a = engine.open();
            send(s, a.port(), new byte[] {1, 2, 3});

            await().atMost(Duration.ofSeconds(2)).until(() -> engine.stats().packetsDropped() == 1);
            assertThat(a.packetsReceived()).isZero();
        }
    }

    @Test
    void silenceIsReportedOnceAfterTheTimeout() throws Exception {
        RtpEndpoint a = engine.open();
        AtomicInteger told = new AtomicInteger();
        a.watchInactivity(e -> told.incrementAndGet());

        await().atMost(Duration.ofSeconds(6)).until(() -> told.get() == 1);
        Thread.sleep(1500);
        assertThat(told.get()).isEqualTo(1);
    }

    @Test
    void aOneWayStreamIsNotSilence() throws Exception {
        try (DatagramSocket member = socket()) {
            RtpEndpoint a = engine.open();
            RtpEndpoint b = engine.openNear(a);
            a.relayTo(b);
            b.relayTo(a);
            AtomicInteger told = new AtomicInteger();
            a.watchInactivity(e -> told.incrementAndGet());

            // The caller is on hold and sends nothing; the member keeps sending for 4 s (timeout 2 s).
            for (int i = 0; i < 80; i++) {
                send(member, b.port(), rtp(0));
                Thread.sleep(50);
            }
            assertThat(told.get()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> told.get() == 1);
        }
    }

    @Test
    void closingReturnsThePort() throws Exception {
        int before = engine.freePorts();
        RtpEndpoint a = engine.open();
        assertThat(engine.freePorts()).isEqualTo(before - 1);

        a.close();

        await().atMost(Duration.ofSeconds(2)).until(() -> engine.freePorts() == before);
        assertThat(engine.openEndpoints()).isZero();
    }

    /** Opens b beside a, points a at the caller's port and b at the member's, and relays both ways. */
    private RtpEndpoint bridged(RtpEndpoint a, int callerPort, int memberPort) throws Exception {
        RtpEndpoint b = engine.openNear(a);
        a.setRemote("127.0.0.1", callerPort);
        b.setRemote("127.0.0.1", memberPort);
        a.relayTo(b);
        b.relayTo(a);
        return b;
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        s.setSoTimeout(2000);
        return s;
    }

    private static byte[] rtp(int payloadType) {
        byte[] p = new byte[172];
        p[0] = (byte) 0x80;
        p[1] = (byte) payloadType;
        return p;
    }

    private static void send(DatagramSocket s, int port, byte[] data) throws Exception {
        s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return p.getData();
    }
}
