package dev.sentral.media;

import dev.sentral.media.dtmf.DtmfDigit;
import org.restcomm.media.spi.dtmf.DtmfDetector;

/**
 * The SPI's {@link DtmfDetector} with the two things a SIP side needs besides: the negotiated payload types,
 * and keys that came as SIP INFO, so one press is reported once however it arrived.
 */
public interface KeyDetector extends DtmfDetector {
    /** RFC 4733 payload type (-1: none agreed) and, when {@code inBand}, the G.711 payload type to listen to. */
    KeyDetector configure(int telephoneEventPt, int audioPt, boolean inBand);

    /** A key from a SIP INFO; call on the owner executor. */
    void infoDigit(DtmfDigit digit);
}
