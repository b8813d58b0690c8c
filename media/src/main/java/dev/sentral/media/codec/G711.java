package dev.sentral.media.codec;

/**
 * ITU-T G.711 companding: 16-bit linear PCM ↔ 8-bit µ-law (PCMU, RTP payload 0) and A-law (PCMA, payload 8).
 *
 * <p>Decoding goes through 256-entry tables built once; encoding is computed (segment search on at most 8
 * boundaries). Both are allocation-free and safe to call from any thread.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    /** Upper bounds of the 8 A-law segments, on the 13-bit magnitude. */
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = (short) computeUlawToLinear(i);
            ALAW_TO_LINEAR[i] = (short) computeAlawToLinear(i);
        }
    }

    private G711() {
    }

    public static int ulawToLinear(int ulaw) {
        return ULAW_TO_LINEAR[ulaw & 0xFF];
    }

    public static int alawToLinear(int alaw) {
        return ALAW_TO_LINEAR[alaw & 0xFF];
    }

    /** µ-law code for a 16-bit sample (values outside the 16-bit range are clipped). */
    public static int linearToUlaw(int sample) {
        int pcm = Math.max(-32768, Math.min(32767, sample));
        int sign = 0;
        if (pcm < 0) {
            pcm = -pcm;
            sign = 0x80;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        // exponent = position of the highest set bit above bit 7, 0..7
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return ~(sign | (exponent << 4) | mantissa) & 0xFF;
    }

    /** A-law code for a 16-bit sample (values outside the 16-bit range are clipped). */
    public static int linearToAlaw(int sample) {
        int pcm = Math.max(-32768, Math.min(32767, sample)) >> 3; // 13-bit
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 0;
        while (segment < 8 && pcm > ALAW_SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return 0x7F ^ mask;
        }
        int code = segment << 4;
        code |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return code ^ mask;
    }

    private static int computeUlawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    private static int computeAlawToLinear(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    /** Decodes a frame of µ-law or A-law bytes into 16-bit samples. */
    public static void decode(byte[] in, int offset, int length, short[] out, boolean alaw) {
        short[] table = alaw ? ALAW_TO_LINEAR : ULAW_TO_LINEAR;
        for (int i = 0; i < length; i++) {
            out[i] = table[in[offset + i] & 0xFF];
        }
    }

    /** Encodes 16-bit samples into µ-law or A-law bytes. */
    public static void encode(short[] in, int length, byte[] out, int offset, boolean alaw) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (byte) (alaw ? linearToAlaw(in[i]) : linearToUlaw(in[i]));
        }
    }
}
