package dev.sentral.media.spi;

import dev.sentral.media.dtmf.DigitMerger;
import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.rtp.RtpEndpoint;
import org.restcomm.media.spi.dtmf.DtmfDetector;
import org.restcomm.media.spi.dtmf.DtmfDetectorListener;
import org.restcomm.media.spi.dtmf.DtmfEvent;
import org.restcomm.media.spi.memory.Frame;

import java.util.concurrent.Executor;

/**
 * The Restcomm media SPI's {@link DtmfDetector} on Sentral's engine: keys from the endpoint's RFC 4733 events
 * and in-band tones, and from SIP INFO ({@link #infoDigit}), each press reported once. Detection happens on
 * the endpoint's event loop; merging and the listeners run on {@code owner} (the call's executor), so call
 * control hears keys on its own thread.
 */
public final class SentralDtmfDetector extends SpiResource<DtmfDetectorListener, DtmfEvent>
        implements dev.sentral.media.KeyDetector {
    private static final long serialVersionUID = 1L;

    private final transient RtpEndpoint endpoint;
    private volatile int telephoneEventPt = -1;
    private volatile int audioPt = -1;
    private volatile boolean inBand;
    private final transient Executor owner;
    private final transient DigitMerger merger;
    private volatile boolean active;
    private volatile long keys;

    public SentralDtmfDetector(String id, RtpEndpoint endpoint, Executor owner) {
        super(id);
        this.endpoint = endpoint;
        this.owner = owner;
        this.merger = new DigitMerger((digit, via) -> fire(digit));
    }

    /**
     * Which RTP the far end's keys come in, as negotiated: RFC 4733 events with {@code telephoneEventPt} (-1:
     * none agreed), and, when {@code inBand}, tones in G.711 audio of payload type {@code audioPt}. Takes
     * effect at the next {@link #activate()}.
     */
    @Override
    public SentralDtmfDetector configure(int telephoneEventPt, int audioPt, boolean inBand) {
        this.telephoneEventPt = telephoneEventPt;
        this.audioPt = audioPt;
        this.inBand = inBand;
        return this;
    }

    /** A key from a SIP INFO (application/dtmf-relay or application/dtmf); call on the owner executor. */
    @Override
    public void infoDigit(DtmfDigit digit) {
        if (active) {
            merger.report(digit, DigitMerger.Via.SIP_INFO, System.nanoTime());
        }
    }

    @Override
    public void activate() {
        active = true;
        endpoint.detectDigits(telephoneEventPt, audioPt, inBand,
                (digit, via, nanos) -> owner.execute(() -> {
                    if (active) {
                        merger.report(digit, via, nanos);
                    }
                }));
    }

    @Override
    public void deactivate() {
        active = false;
        endpoint.detectDigits(0, 0, false, null);
    }

    private void fire(DtmfDigit digit) {
        keys++;
        fire(new Event(this, String.valueOf(digit.symbol())));
    }

    @Override
    public boolean isStarted() {
        return active;
    }

    @Override
    public long getPacketsReceived() {
        return endpoint.packetsReceived();
    }

    @Override
    public long getBytesReceived() {
        return 0; // not counted per byte
    }

    /** Frames are not pushed through the SPI: detection reads the endpoint's RTP directly. */
    @Override
    public void perform(Frame frame) {
    }

    @Override
    public int getInterdigitInterval() {
        return DEFAULT_INTERDIGIT_INTERVAL;
    }

    @Override
    public int getVolume() {
        return DEFAULT_SIGNAL_LEVEL;
    }

    @Override
    public void flushBuffer() {
        // keys are delivered as they come; nothing is buffered
    }

    @Override
    public void clearDigits() {
        // keys are delivered as they come; nothing is buffered
    }

    /** Keys reported to listeners since creation. */
    public long keys() {
        return keys;
    }





    @Override
    public String getName() {
        return "sentral-dtmf-detector";
    }

    @Override
    public void reset() {
        deactivate();
    }

    private record Event(DtmfDetector source, String tone) implements DtmfEvent {
        @Override
        public int getVolume() {
            return DEFAULT_SIGNAL_LEVEL;
        }

        @Override
        public String getTone() {
            return tone;
        }

        @Override
        public DtmfDetector getSource() {
            return source;
        }
    }
}
