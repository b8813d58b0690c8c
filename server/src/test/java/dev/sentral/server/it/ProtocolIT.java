package dev.sentral.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests a B2BUA must answer sensibly whatever they are, sent as raw UDP datagrams. */
class ProtocolIT {
    private TestSentral sentral;
    private DatagramSocket socket;

    @BeforeEach
    void start() throws Exception {
        sentral = TestSentral.start(46000, 20, 1, List.of(FreePorts.udpAndTcp()));
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(3000);
    }

    @AfterEach
    void stop() {
        socket.close();
        sentral.close();
    }

    private String request(String method, String user, String branch, String extraHeaders) {
        int port = socket.getLocalPort();
        return (method + " sip:" + user + "@127.0.0.1:" + sentral.sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=p1\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@probe\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:probe@127.0.0.1:" + port + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n");
    }

    private String exchange(String message) throws Exception {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), sentral.sipPort()));
        while (true) {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            socket.receive(p);
            String response = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!response.startsWith("SIP/2.0 100 ")) {
                return response;
            }
        }
    }

    @Test
    void optionsIsAnsweredWithWhatSentralSupports() throws Exception {
        String response = exchange(request("OPTIONS", TestSentral.MAIN_NUMBER, "opt1", ""));

        assertThat(response).startsWith("SIP/2.0 200 ");
        assertThat(response).contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER", "Accept: application/sdp");
    }

    @Test
    void aMethodSentralDoesNotHandleGets405WithAllow() throws Exception {
        for (String method : List.of("SUBSCRIBE", "MESSAGE")) {
            String extra = method.equals("SUBSCRIBE") ? "Event: presence\r\n" : "";
            String response = exchange(request(method, TestSentral.MAIN_NUMBER, "m405" + method, extra));

            assertThat(response).as(method).startsWith("SIP/2.0 405 ").contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER");
        }
    }

    @Test
    void anInviteForANumberSentralDoesNotServeIsChallenged() throws Exception {
        // not one of the numbers: only an authenticated user may dial it (and then gets 404)
        assertThat(exchange(request("INVITE", "4511111111", "inv407", ""))).startsWith("SIP/2.0 407 ")
                .contains("Proxy-Authenticate: Digest realm=\"sentral\"");
    }

    @Test
    void aByeForNoKnownCallGets481() throws Exception {
        String bye = request("BYE", TestSentral.MAIN_NUMBER, "bye481", "").replace("To: <sip:" + TestSentral.MAIN_NUMBER
                + "@127.0.0.1>", "To: <sip:" + TestSentral.MAIN_NUMBER + "@127.0.0.1>;tag=gone");

        assertThat(exchange(bye)).startsWith("SIP/2.0 481 ");
    }

    @Test
    void anInviteThatHasRunOutOfHopsGets483() throws Exception {
        String invite = request("INVITE", TestSentral.MAIN_NUMBER, "hops", "").replace("Max-Forwards: 70", "Max-Forwards: 0");

        assertThat(exchange(invite)).startsWith("SIP/2.0 483 ");
    }

    @Test
    void malformedRequestsGet400AndTheServerKeepsServing() throws Exception {
        String badCseq = request("INVITE", TestSentral.MAIN_NUMBER, "bad1", "").replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        String badUri = request("BYE", TestSentral.MAIN_NUMBER, "bad2", "")
                .replace("BYE sip:" + TestSentral.MAIN_NUMBER + "@127.0.0.1:" + sentral.sipPort(), "BYE sip:x@:5060");

        assertThat(exchange(badCseq)).startsWith("SIP/2.0 400 ");
        assertThat(exchange(badUri)).startsWith("SIP/2.0 400 ");

        // Pure garbage cannot be answered (there is no Via to answer to); it is dropped.
        byte[] junk = "\u0000\u0001hello, is this SIP?\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), sentral.sipPort()));
        socket.setSoTimeout(500);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            socket.receive(p);
        } catch (SocketTimeoutException expected) {
            // nothing came back, as it should
        }
        socket.setSoTimeout(3000);

        assertThat(exchange(request("OPTIONS", TestSentral.MAIN_NUMBER, "after", ""))).startsWith("SIP/2.0 200 ");
    }
}
