package dev.sentral.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionDescriptionTest {

    /** What SIPp's uac_pcap scenario and most softphones send. */
    private static final String SOFTPHONE_OFFER = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 8 0 18 101\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            m=video 6002 RTP/AVP 96\r
            a=rtpmap:96 H264/90000\r
            a=sendonly\r
            """;

    @Test
    void readsAddressPortFormatsAndIgnoresAttributesOfOtherStreams() throws Exception {
        SessionDescription sd = SessionDescription.parse(SOFTPHONE_OFFER);

        assertThat(sd.address()).isEqualTo("127.0.0.1");
        assertThat(sd.port()).isEqualTo(6000);
        assertThat(sd.formats()).extracting(AudioFormat::encoding).containsExactly("PCMA", "PCMU", "G729", "telephone-event");
        assertThat(sd.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(sd.otherMedia()).containsExactly("video RTP/AVP 96");
        assertThat(sd.supportedFormats()).extracting(AudioFormat::payloadType).containsExactly(8, 0, 101);
        assertThat(sd.hasSupportedCodec()).isTrue();
    }

    @Test
    void mediaLevelConnectionAndDirectionWin() throws Exception {
        SessionDescription sd = SessionDescription.parse("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=-
                c=IN IP4 10.0.0.1
                t=0 0
                a=sendrecv
                m=audio 4000 RTP/AVP 0
                c=IN IP4 127.0.0.5
                a=sendonly
                """);

        assertThat(sd.address()).isEqualTo("127.0.0.5");
        assertThat(sd.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(sd.isHold()).isTrue();
    }

    @Test
    void oldStyleHoldIsRecognised() throws Exception {
        SessionDescription sd = SessionDescription.parse("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n");

        assertThat(sd.isHold()).isTrue();
    }

    @Test
    void anOfferWithoutG711HasNoSupportedCodec() throws Exception {
        SessionDescription sd = SessionDescription.parse("v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 18 9\r\n");

        assertThat(sd.hasSupportedCodec()).isFalse();
    }

    @Test
    void brokenBodiesSayWhatIsWrong() {
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nc=IN IP4 127.0.0.1\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("no audio m-line");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class).hasMessageContaining("no connection address");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio x RTP/AVP 0\r\n"))
                .isInstanceOf(SdpException.class).hasMessage("line 3: port 'x' is not a number");
    }

    @Test
    void writtenAnswerParsesBackAndRejectsOtherStreams() throws Exception {
        String sdp = SdpWriter.write(7, 2, "127.0.0.1", 20000,
                List.of(AudioFormat.PCMA, AudioFormat.TELEPHONE_EVENT), Direction.RECVONLY, List.of("video RTP/AVP 96"));

        assertThat(sdp).contains("o=sentral 7 2 IN IP4 127.0.0.1\r\n", "m=audio 20000 RTP/AVP 8 101\r\n",
                "a=recvonly\r\n", "m=video 0 RTP/AVP 96\r\n");
        SessionDescription back = SessionDescription.parse(sdp);
        assertThat(back.port()).isEqualTo(20000);
        assertThat(back.formats()).containsExactly(AudioFormat.PCMA, AudioFormat.TELEPHONE_EVENT);
        assertThat(back.direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void answerDirectionsFollowRfc3264() {
        assertThat(Direction.SENDONLY.answer()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.answer()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.INACTIVE.answer()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.answer()).isEqualTo(Direction.SENDRECV);
    }
}
