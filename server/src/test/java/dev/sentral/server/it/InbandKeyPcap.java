package dev.sentral.server.it;

import dev.sentral.media.codec.G711;
import dev.sentral.media.dtmf.DtmfDigit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a capture SIPp can play ({@code play_pcap_audio}): an RTP stream of A-law audio (payload type 8,
 * 20 ms packets) holding silence, one DTMF key as tones in the audio (as a gateway without RFC 4733 sends
 * it), and silence again.
 */
final class InbandKeyPcap {
    private InbandKeyPcap() {
    }

    static void write(Path file, char key, int toneMillis) throws IOException {
        DtmfDigit digit = DtmfDigit.ofSymbol(key);
        double low = digit.lowHz();
        double high = digit.highHz();
        int silenceBefore = 5;
        int tone = toneMillis / 20;
        int silenceAfter = 10;
        int frames = silenceBefore + tone + silenceAfter;
        ByteBuffer out = ByteBuffer.allocate(24 + frames * (16 + 14 + 20 + 8 + 12 + 160)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        short[] pcm = new short[160];
        byte[] alaw = new byte[160];
        for (int f = 0; f < frames; f++) {
            boolean on = f >= silenceBefore && f < silenceBefore + tone;
            for (int i = 0; i < 160; i++) {
                double t = (f * 160 + i) / 8000.0;
                pcm[i] = on ? (short) (7000 * Math.sin(2 * Math.PI * low * t) + 7000 * Math.sin(2 * Math.PI * high * t)) : 0;
            }
            G711.encode(pcm, 160, alaw, 0, true);
            long micros = f * 20_000L;
            int udpLength = 8 + 12 + 160;
            int ipLength = 20 + udpLength;
            out.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(14 + ipLength).putInt(14 + ipLength);
            ByteBuffer packet = ByteBuffer.allocate(14 + ipLength); // network order from here
            packet.put(new byte[6]).put(new byte[6]).putShort((short) 0x0800);
            packet.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) f).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
            packet.putShort((short) 6000).putShort((short) 6000).putShort((short) udpLength).putShort((short) 0);
            packet.put((byte) 0x80).put((byte) (f == 0 ? 0x88 : 0x08)).putShort((short) f).putInt(f * 160).putInt(0x5e17a1);
            packet.put(alaw);
            out.put(packet.array());
        }
        Files.write(file, out.array());
    }
}
