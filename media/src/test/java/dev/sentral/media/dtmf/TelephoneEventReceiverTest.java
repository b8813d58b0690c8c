package dev.sentral.media.dtmf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TelephoneEventReceiverTest {
    private final List<String> keys = new ArrayList<>();
    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver((d, ts) -> keys.add(d.symbol() + "@" + ts));

    private void feed(long timestamp, int event, boolean end, int duration) {
        byte[] payload = new byte[4];
        new TelephoneEvent(event, end, 10, duration).write(payload, 0);
        receiver.onPacket(timestamp, payload, 0, 4);
    }

    @Test
    void aWholeEventWithRedundantEndPacketsIsOneKey() {
        feed(1000, 5, false, 160);
        feed(1000, 5, false, 320);
        feed(1000, 5, false, 480);
        feed(1000, 5, true, 640);
        feed(1000, 5, true, 640);
        feed(1000, 5, true, 640);

        assertThat(keys).containsExactly("5@1000");
        assertThat(receiver.duplicates()).isEqualTo(5);
    }

    @Test
    void anEventWhoseStartWasLostIsStillReportedOnce() {
        feed(1000, 1, true, 800);
        feed(1000, 1, true, 800);

        assertThat(keys).containsExactly("1@1000");
    }

    @Test
    void theSameKeyPressedTwiceIsTwoKeys() {
        feed(1000, 11, false, 160);
        feed(1000, 11, true, 480);
        feed(3000, 11, false, 160);
        feed(3000, 11, true, 480);

        assertThat(keys).containsExactly("#@1000", "#@3000");
    }

    @Test
    void nonKeyEventsAreIgnored() {
        feed(1000, 32, false, 160); // RFC 4733 event 32: a modem tone, not a key

        assertThat(keys).isEmpty();
    }

    @Test
    void payloadRoundTrips() {
        byte[] b = new byte[4];
        new TelephoneEvent(10, true, 63, 0xABCD).write(b, 0);

        assertThat(TelephoneEvent.parse(b, 0, 4)).isEqualTo(new TelephoneEvent(10, true, 63, 0xABCD));
        assertThat(TelephoneEvent.parse(b, 0, 3)).isNull();
    }

    /** The RFC 4733 captures SIPp ships (installed with sip-tester), replayed packet by packet. */
    @Test
    void sippsDigitCapturesAreEachOneKey() throws IOException {
        Path dir = Path.of("/usr/share/sip-tester");
        assumeTrue(Files.isDirectory(dir), "sip-tester is not installed");
        String names = "0123456789";
        for (int i = 0; i < names.length(); i++) {
            keys.clear();
            TelephoneEventReceiver r = new TelephoneEventReceiver((d, ts) -> keys.add(String.valueOf(d.symbol())));
            for (byte[] rtp : udpPayloads(dir.resolve("dtmf_2833_" + i + ".pcap"))) {
                long ts = ByteBuffer.wrap(rtp, 4, 4).getInt() & 0xFFFFFFFFL;
                int headerLength = 12 + 4 * (rtp[0] & 0x0F);
                r.onPacket(ts, rtp, headerLength, rtp.length - headerLength);
            }
            assertThat(keys).as("dtmf_2833_%d.pcap", i).containsExactly(String.valueOf(names.charAt(i)));
        }
    }

    /** UDP payloads of a classic pcap file with Ethernet or Linux-cooked framing over IPv4. */
    static List<byte[]> udpPayloads(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        int magic = b.getInt(0);
        b.order(magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int linkType = b.getInt(20);
        int linkHeader = linkType == 113 ? 16 : 14;
        List<byte[]> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            int captured = b.getInt(pos + 8);
            int frame = pos + 16;
            int ip = frame + linkHeader;
            int ihl = (b.get(ip) & 0x0F) * 4;
            int udp = ip + ihl;
            int udpLength = ((b.get(udp + 4) & 0xFF) << 8) | (b.get(udp + 5) & 0xFF);
            byte[] payload = new byte[udpLength - 8];
            b.get(udp + 8, payload);
            out.add(payload);
            pos = frame + captured;
        }
        return out;
    }
}
