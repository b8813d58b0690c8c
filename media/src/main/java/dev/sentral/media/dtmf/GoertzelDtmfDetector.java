package dev.sentral.media.dtmf;

/**
 * In-band DTMF detection on 8 kHz linear audio (for gateways that send the tones in the audio instead of
 * RFC 4733). The signal is cut into blocks of 205 samples (25.6 ms); in each block the Goertzel algorithm
 * measures the power at the 8 DTMF frequencies. A block holds a key when:
 * <ul>
 *   <li>the signal is loud enough (RMS above {@link #MIN_RMS}),</li>
 *   <li>one low and one high frequency each stand at least 6 dB above the other frequencies of their group,</li>
 *   <li>the twist between the two is within ±8 dB,</li>
 *   <li>those two tones carry at least 80% of the block's energy: speech and music spread their energy over
 *       many frequencies and harmonics, a DTMF key puts nearly all of it in two.</li>
 * </ul>
 * A key is reported once it has held for two consecutive blocks, and not again until a block without it
 * (so one long press is one key). Single-threaded; one detector per stream.
 */
public final class GoertzelDtmfDetector {
    /** Told once per key press. */
    public interface Listener {
        void digit(DtmfDigit digit);
    }

    public static final int SAMPLE_RATE = 8000;
    public static final int BLOCK = 205;
    static final double MIN_RMS = 100;
    private static final double GROUP_DOMINANCE = 4.0;   // 6 dB
    private static final double MAX_TWIST = 6.3;          // 8 dB
    private static final double MIN_TONE_SHARE = 0.80;
    private static final int[] LOW = {697, 770, 852, 941};
    private static final int[] HIGH = {1209, 1336, 1477, 1633};
    private static final double[] LOW_COEFF = coefficients(LOW);
    private static final double[] HIGH_COEFF = coefficients(HIGH);

    private final Listener listener;
    private final double[] block = new double[BLOCK];
    private int filled;
    private DtmfDigit candidate;
    private int candidateBlocks;
    private boolean reported;

    public GoertzelDtmfDetector(Listener listener) {
        this.listener = listener;
    }

    private static double[] coefficients(int[] freqs) {
        double[] c = new double[freqs.length];
        for (int i = 0; i < freqs.length; i++) {
            c[i] = 2 * Math.cos(2 * Math.PI * freqs[i] / SAMPLE_RATE);
        }
        return c;
    }

    /** Feeds decoded samples (any count; blocks are assembled internally). */
    public void process(short[] samples, int offset, int length) {
        for (int i = 0; i < length; i++) {
            block[filled++] = samples[offset + i];
            if (filled == BLOCK) {
                filled = 0;
                onBlock(detect(block));
            }
        }
    }

    private void onBlock(DtmfDigit digit) {
        if (digit == null) {
            candidate = null;
            candidateBlocks = 0;
            reported = false;
            return;
        }
        if (digit == candidate) {
            candidateBlocks++;
        } else {
            candidate = digit;
            candidateBlocks = 1;
            reported = false;
        }
        if (candidateBlocks >= 2 && !reported) {
            reported = true;
            listener.digit(digit);
        }
    }

    /** The key held in one block, or null. Package-private for tests. */
    static DtmfDigit detect(double[] x) {
        double energy = 0;
        for (double v : x) {
            energy += v * v;
        }
        if (energy / x.length < MIN_RMS * MIN_RMS) {
            return null;
        }
        double[] low = powers(x, LOW_COEFF);
        double[] high = powers(x, HIGH_COEFF);
        int li = strongest(low);
        int hi = strongest(high);
        if (li < 0 || hi < 0) {
            return null;
        }
        double twist = high[hi] / low[li];
        if (twist > MAX_TWIST || twist < 1 / MAX_TWIST) {
            return null;
        }
        // |X(f)|^2 of a tone of amplitude A is about (A*N/2)^2 and its energy N*A^2/2, so power * 2 / N is
        // the tone's share of the block energy.
        double toneEnergy = (low[li] + high[hi]) * 2 / x.length;
        if (toneEnergy < MIN_TONE_SHARE * energy) {
            return null;
        }
        for (DtmfDigit d : DtmfDigit.values()) {
            if (d.lowHz() == LOW[li] && d.highHz() == HIGH[hi]) {
                return d;
            }
        }
        return null;
    }

    /** Index of the frequency that dominates its group by 6 dB, or -1. */
    private static int strongest(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        for (int i = 0; i < p.length; i++) {
            if (i != best && p[i] * GROUP_DOMINANCE > p[best]) {
                return -1;
            }
        }
        return best;
    }

    private static double[] powers(double[] x, double[] coeff) {
        double[] p = new double[coeff.length];
        for (int k = 0; k < coeff.length; k++) {
            double c = coeff[k];
            double s1 = 0;
            double s2 = 0;
            for (double v : x) {
                double s0 = v + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            p[k] = s1 * s1 + s2 * s2 - c * s1 * s2;
        }
        return p;
    }
}
