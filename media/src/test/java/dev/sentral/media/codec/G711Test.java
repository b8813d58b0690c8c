package dev.sentral.media.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checked against values of the ITU-T G.711 tables (Table 1a µ-law, Table 2a A-law): the decision levels
 * and decoder outputs at segment ends, the sign and zero codes, and the full round trip of all 256 codes.
 */
class G711Test {

    @Test
    void ulawDecoderOutputsMatchTheItuTable() {
        assertThat(G711.ulawToLinear(0xFF)).isEqualTo(0);        // +0
        assertThat(G711.ulawToLinear(0x7F)).isEqualTo(0);        // -0
        assertThat(G711.ulawToLinear(0xFE)).isEqualTo(8);        // first step of segment 0, x4 scale of 2
        assertThat(G711.ulawToLinear(0xF0)).isEqualTo(120);      // end of segment 0
        assertThat(G711.ulawToLinear(0xEF)).isEqualTo(132);      // start of segment 1
        assertThat(G711.ulawToLinear(0x80)).isEqualTo(32124);    // maximum positive
        assertThat(G711.ulawToLinear(0x00)).isEqualTo(-32124);   // maximum negative
    }

    @Test
    void alawDecoderOutputsMatchTheItuTable() {
        assertThat(G711.alawToLinear(0xD5)).isEqualTo(8);        // smallest positive
        assertThat(G711.alawToLinear(0x55)).isEqualTo(-8);       // smallest negative
        assertThat(G711.alawToLinear(0xAA)).isEqualTo(32256);    // maximum positive
        assertThat(G711.alawToLinear(0x2A)).isEqualTo(-32256);   // maximum negative
        assertThat(G711.alawToLinear(0xC5)).isEqualTo(264);      // start of segment 1 (0x10 ^ 0xD5)
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            int u = G711.linearToUlaw(G711.ulawToLinear(code));
            // -0 (0x7F) decodes to 0, which encodes as +0 (0xFF): the one code G.711 makes ambiguous
            assertThat(u).as("µ-law %02x", code).isEqualTo(code == 0x7F ? 0xFF : code);
            assertThat(G711.linearToAlaw(G711.alawToLinear(code))).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void decodingIsMonotonicAcrossTheWholeRange() {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int sample = -32768; sample <= 32767; sample += 7) {
            int u = G711.ulawToLinear(G711.linearToUlaw(sample));
            int a = G711.alawToLinear(G711.linearToAlaw(sample));
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void quantisationErrorStaysWithinHalfAStepOfItsSegment() {
        for (int sample = -32000; sample <= 32000; sample += 13) {
            int u = G711.ulawToLinear(G711.linearToUlaw(sample));
            int a = G711.alawToLinear(G711.linearToAlaw(sample));
            // steps grow with the magnitude: at most 1/16 of it plus the smallest step
            int bound = Math.abs(sample) / 16 + 16;
            assertThat(Math.abs(u - sample)).as("µ-law at %d", sample).isLessThanOrEqualTo(bound);
            assertThat(Math.abs(a - sample)).as("A-law at %d", sample).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void clipsBeyondTheSixteenBitRange() {
        assertThat(G711.linearToUlaw(100_000)).isEqualTo(0x80);
        assertThat(G711.linearToUlaw(-100_000)).isEqualTo(0x00);
        assertThat(G711.linearToAlaw(100_000)).isEqualTo(0xAA);
        assertThat(G711.linearToAlaw(-100_000)).isEqualTo(0x2A);
    }
}
