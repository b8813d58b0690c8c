package dev.sentral.media.rtp;

import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.dtmf.TelephoneEvent;
import io.netty.buffer.ByteBuf;

/**
 * Sends one key as RFC 4733 telephone-events (§2.5): a packet every 20 ms, all with the event's start
 * timestamp, the first with the marker bit, the duration growing by 160 samples each time, and the final
 * packet (end bit) sent three times for resilience (§2.5.1.4). Paced by the endpoint's {@link Pacer}.
 */
final class DigitSender implements PacedStream {
    private static final int END_REPEATS = 3;

    private final RtpEndpoint endpoint;
    private final DtmfDigit digit;
    private final int payloadType;
    private final int packets;
    private final Runnable done;
    private int sent;

    DigitSender(RtpEndpoint endpoint, DtmfDigit digit, int payloadType, int millis, Runnable done) {
        this.endpoint = endpoint;
        this.digit = digit;
        this.payloadType = payloadType;
        this.packets = Math.max(2, millis / 20);
        this.done = done;
    }

    @Override
    public boolean sendNextFrame() {
        if (endpoint.isClosed() || sent >= packets + END_REPEATS - 1) {
            return false;
        }
        boolean end = sent >= packets - 1;
        int duration = Math.min(sent + 1, packets) * OutboundStream.SAMPLES_PER_FRAME;
        ByteBuf packet = endpoint.allocate(12 + TelephoneEvent.PAYLOAD_LENGTH);
        endpoint.outbound().eventHeader(packet, payloadType, this, sent == 0, packets * OutboundStream.SAMPLES_PER_FRAME);
        byte[] payload = new byte[TelephoneEvent.PAYLOAD_LENGTH];
        new TelephoneEvent(digit.eventCode(), end, 10, duration).write(payload, 0);
        packet.writeBytes(payload);
        endpoint.sendGenerated(packet);
        sent++;
        return true;
    }

    @Override
    public void finishedOnLoop() {
        if (done != null) {
            done.run();
        }
    }
}
