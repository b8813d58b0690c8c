package dev.sentral.sip.call;

/**
 * The SDP the call tests exchange: a caller at 127.0.0.1:6000 and a member at 127.0.0.9:7000, both with
 * RFC 4733 events at payload type 101.
 */
final class TestSdp {
    /** The caller's offer: A-law first, then µ-law. */
    static final String CALLER_OFFER = audio("caller", "127.0.0.1", 6000, "8 0 101");
    /** A member's answer: A-law. */
    static final String MEMBER_ANSWER = audio("member", "127.0.0.9", 7000, "8 101");

    private TestSdp() {
    }

    /** An audio offer or answer from {@code address:port} with these payload types (101 is telephone-event). */
    static String audio(String who, String address, int port, String payloadTypes) {
        return "v=0\r\n"
                + "o=" + who + " 1 1 IN IP4 " + address + "\r\n"
                + "s=-\r\n"
                + "c=IN IP4 " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP " + payloadTypes + "\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n";
    }
}
