package dev.sentral.sip.b2bua;

import dev.sentral.media.dtmf.DtmfDigit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DtmfInfoTest {

    @Test
    void readsDtmfRelayBodies() {
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")).contains(DtmfDigit.D5);
        assertThat(DtmfInfo.parse("Application/DTMF-Relay", "Signal= *\nDuration=250")).contains(DtmfDigit.STAR);
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=11\r\nDuration=160")).contains(DtmfDigit.POUND);
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=d\r\n")).contains(DtmfDigit.D);
    }

    @Test
    void readsPlainDtmfBodies() {
        assertThat(DtmfInfo.parse("application/dtmf", "#")).contains(DtmfDigit.POUND);
        assertThat(DtmfInfo.parse("application/dtmf", "7\r\n")).contains(DtmfDigit.D7);
    }

    @Test
    void anythingElseIsNoKey() {
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Duration=160")).isEmpty();
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=X")).isEmpty();
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=42")).isEmpty();
        assertThat(DtmfInfo.parse("application/media_control+xml", "<media_control/>")).isEmpty();
        assertThat(DtmfInfo.parse(null, "Signal=1")).isEmpty();
    }
}
