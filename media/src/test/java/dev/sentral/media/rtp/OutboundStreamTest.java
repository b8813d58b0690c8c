package dev.sentral.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundStreamTest {
    private final OutboundStream out = new OutboundStream();
    private final Object music = new Object();
    private final Object member = new Object();

    private static ByteBuf packet(int seq, long ts, int ssrc) {
        ByteBuf b = Unpooled.buffer(172);
        b.writeByte(0x80).writeByte(8).writeShort(seq).writeInt((int) ts).writeInt(ssrc);
        b.writeZero(160);
        return b;
    }

    private static int seq(ByteBuf b) {
        return b.getUnsignedShort(2);
    }

    private static long ts(ByteBuf b) {
        return b.getUnsignedInt(4);
    }

    @Test
    void switchingSourcesKeepsOneSsrcAndContinuousNumbering() {
        ByteBuf[] sent = new ByteBuf[6];
        // two frames from source 1 (sequence near wrap-around), then source 2 with unrelated numbering
        sent[0] = packet(65534, 1000, 111);
        sent[1] = packet(65535, 1160, 111);
        sent[2] = packet(7, 900_000, 222);
        sent[3] = packet(8, 900_160, 222);
        out.rewrite(sent[0], music);
        out.rewrite(sent[1], music);
        out.rewrite(sent[2], member);
        out.rewrite(sent[3], member);

        for (int i = 0; i < 4; i++) {
            assertThat(sent[i].getInt(8)).as("SSRC of packet %d", i).isEqualTo(out.ssrc());
        }
        for (int i = 1; i < 4; i++) {
            assertThat(seq(sent[i])).as("sequence of packet %d", i).isEqualTo((seq(sent[i - 1]) + 1) & 0xFFFF);
            assertThat((ts(sent[i]) - ts(sent[i - 1])) & 0xFFFFFFFFL).as("timestamp step %d", i).isEqualTo(160);
        }
        assertThat(sent[2].getByte(1) & 0x80).as("marker on the new source's first packet").isNotZero();
        assertThat(sent[3].getByte(1) & 0x80).isZero();
    }

    @Test
    void aSourceThatRestartsWithANewSsrcIsRebasedToo() {
        ByteBuf a = packet(100, 5000, 1);
        ByteBuf b = packet(9, 70, 2); // same endpoint, the phone restarted its stream
        out.rewrite(a, member);
        out.rewrite(b, member);

        assertThat(seq(b)).isEqualTo((seq(a) + 1) & 0xFFFF);
        assertThat(ts(b) - ts(a)).isEqualTo(160);
    }

    @Test
    void generatedFramesContinueTheSameStream() {
        ByteBuf relayed = packet(500, 8000, 9);
        out.rewrite(relayed, member);
        ByteBuf generated = Unpooled.buffer(12);
        out.nextFrameHeader(generated, 0, music);

        assertThat(generated.getInt(8)).isEqualTo(out.ssrc());
        assertThat(seq(generated)).isEqualTo((seq(relayed) + 1) & 0xFFFF);
        assertThat(ts(generated) - ts(relayed)).isEqualTo(160);
        assertThat(generated.getByte(1) & 0x7F).isZero();
        assertThat(generated.getByte(1) & 0x80).as("marker: new source").isNotZero();
    }
}
