package dev.sentral.media.dtmf;

import dev.sentral.media.dtmf.DigitMerger.Via;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DigitMergerTest {
    private static final long MS = 1_000_000L;
    private final List<String> heard = new ArrayList<>();
    private final DigitMerger merger = new DigitMerger((d, via) -> heard.add(d.symbol() + " " + via));

    @Test
    void aKeySeenAsEventsTonesAndInfoIsOneKey() {
        merger.report(DtmfDigit.D7, Via.RFC4733, 0);
        merger.report(DtmfDigit.D7, Via.IN_BAND, 50 * MS);
        merger.report(DtmfDigit.D7, Via.SIP_INFO, 120 * MS);

        assertThat(heard).containsExactly("7 RFC4733");
        assertThat(merger.merged()).isEqualTo(2);
    }

    @Test
    void theSameKeyPressedAgainTheSameWayIsASecondKey() {
        merger.report(DtmfDigit.D1, Via.RFC4733, 0);
        merger.report(DtmfDigit.D1, Via.RFC4733, 150 * MS); // the detector already told these apart

        assertThat(heard).containsExactly("1 RFC4733", "1 RFC4733");
    }

    @Test
    void differentKeysAreNeverMerged() {
        merger.report(DtmfDigit.D1, Via.RFC4733, 0);
        merger.report(DtmfDigit.D2, Via.IN_BAND, 10 * MS);

        assertThat(heard).containsExactly("1 RFC4733", "2 IN_BAND");
    }

    @Test
    void anotherWayAfterTheWindowIsANewPress() {
        merger.report(DtmfDigit.POUND, Via.SIP_INFO, 0);
        merger.report(DtmfDigit.POUND, Via.RFC4733, 900 * MS);

        assertThat(heard).containsExactly("# SIP_INFO", "# RFC4733");
    }
}
