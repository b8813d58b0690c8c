package dev.sentral.media.player;

/**
 * Converts mono 16-bit audio from any rate to 8 kHz with windowed-sinc interpolation. When the source rate
 * is higher, the sinc is widened to low-pass the signal at 3.6 kHz first, so music recorded at 44.1 kHz
 * does not alias into the telephone band. Runs once per file at load time, never on the media path.
 */
final class Resampler {
    static final int TARGET_RATE = 8000;
    private static final int HALF_TAPS = 16; // per unit of the (possibly widened) sinc
    private static final double CUTOFF = 3600.0 / 4000.0; // of the target Nyquist

    private Resampler() {
    }

    static short[] to8k(short[] in, int sourceRate) {
        if (sourceRate == TARGET_RATE) {
            return in.clone();
        }
        double step = (double) sourceRate / TARGET_RATE;            // input samples per output sample
        double scale = Math.min(1.0, 1.0 / step) * CUTOFF;         // filter cutoff, in input-sample units
        int reach = (int) Math.ceil(HALF_TAPS / scale);
        int outLength = (int) Math.floor(in.length / step);
        short[] out = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            double center = n * step;
            int first = (int) Math.floor(center) - reach + 1;
            double sum = 0;
            double weight = 0;
            for (int i = first; i < first + 2 * reach; i++) {
                if (i < 0 || i >= in.length) {
                    continue;
                }
                double x = (i - center) * scale;
                double w = sinc(x) * blackman((i - center) / reach);
                sum += in[i] * w;
                weight += w;
            }
            double v = weight == 0 ? 0 : sum / weight;
            out[n] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over t in [-1, 1]. */
    private static double blackman(double t) {
        if (t <= -1 || t >= 1) {
            return 0;
        }
        double a = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }
}
