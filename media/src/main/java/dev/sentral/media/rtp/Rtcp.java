package dev.sentral.media.rtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * RTCP packets Sentral writes and reads (RFC 3550 §6): a compound of SR or RR with at most one report block,
 * then SDES with the CNAME. Reading takes the first report block that is about our own SSRC.
 */
final class Rtcp {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L; // seconds from 1900 to 1970

    /** A report block received from the far end about our stream. */
    record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSeq, long jitter, long lastSr,
                       long delaySinceLastSr) {
    }

    private Rtcp() {
    }

    /** 64-bit NTP timestamp of a wall-clock instant in milliseconds. */
    static long ntp(long epochMillis) {
        long seconds = epochMillis / 1000 + NTP_EPOCH_OFFSET;
        long fraction = ((epochMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /**
     * Writes SR (when {@code sent} is true) or RR, with a report block when {@code stats} has a source, then
     * SDES CNAME.
     */
    static void writeCompound(ByteBuf out, int ssrc, boolean sender, long ntp, long rtpTimestamp, long packetsSent,
                              long octetsSent, ReceptionStats stats, long lastSrMiddle, long delaySinceLastSr, String cname) {
        boolean block = stats.started();
        int words = (sender ? 6 : 1) + (block ? 6 : 0); // length in 32-bit words minus one
        out.writeByte(0x80 | (block ? 1 : 0));
        out.writeByte(sender ? SR : RR);
        out.writeShort(words);
        out.writeInt(ssrc);
        if (sender) {
            out.writeLong(ntp);
            out.writeInt((int) rtpTimestamp);
            out.writeInt((int) packetsSent);
            out.writeInt((int) octetsSent);
        }
        if (block) {
            out.writeInt((int) stats.sourceSsrc());
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, stats.cumulativeLost()));
            out.writeInt((stats.fractionLostSinceLastReport() << 24) | (int) (lost & 0xFFFFFF));
            out.writeInt((int) stats.extendedHighestSeq());
            out.writeInt(stats.jitter());
            out.writeInt((int) lastSrMiddle);
            out.writeInt((int) delaySinceLastSr);
        }
        // SDES: one chunk, CNAME item, null-terminated and padded to a 32-bit boundary
        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        int chunk = 4 + 2 + name.length + 1;
        int padded = (chunk + 3) & ~3;
        out.writeByte(0x81);
        out.writeByte(SDES);
        out.writeShort(padded / 4);
        out.writeInt(ssrc);
        out.writeByte(1);
        out.writeByte(name.length);
        out.writeBytes(name);
        out.writeZero(padded - chunk + 1);
    }

    /** What one received compound told us. */
    record Received(long senderSsrc, long srNtpMiddle, ReportBlock aboutUs) {
    }

    /** Reads a compound RTCP packet; null when it is not RTCP version 2. */
    static Received read(ByteBuf in, int ourSsrc) {
        int pos = in.readerIndex();
        int end = in.writerIndex();
        long senderSsrc = -1;
        long srMiddle = -1;
        ReportBlock aboutUs = null;
        while (pos + 8 <= end) {
            int first = in.getUnsignedByte(pos);
            if ((first & 0xC0) != 0x80) {
                return null;
            }
            int count = first & 0x1F;
            int type = in.getUnsignedByte(pos + 1);
            int length = (in.getUnsignedShort(pos + 2) + 1) * 4;
            if (pos + length > end) {
                return null;
            }
            if (type == SR || type == RR) {
                senderSsrc = in.getUnsignedInt(pos + 4);
                int blocks = pos + 8;
                if (type == SR && length >= 28) {
                    srMiddle = (in.getLong(pos + 8) >>> 16) & 0xFFFFFFFFL;
                    blocks = pos + 28;
                }
                for (int b = 0; b < count && blocks + 24 <= pos + length; b++, blocks += 24) {
                    long ssrc = in.getUnsignedInt(blocks);
                    if ((int) ssrc == ourSsrc) {
                        int word = in.getInt(blocks + 4);
                        int lost = (word << 8) >> 8; // sign-extend 24 bits
                        aboutUs = new ReportBlock(ssrc, (word >>> 24) & 0xFF, lost, in.getUnsignedInt(blocks + 8),
                                in.getUnsignedInt(blocks + 12), in.getUnsignedInt(blocks + 16), in.getUnsignedInt(blocks + 20));
                    }
                }
            }
            pos += length;
        }
        return new Received(senderSsrc, srMiddle, aboutUs);
    }
}
