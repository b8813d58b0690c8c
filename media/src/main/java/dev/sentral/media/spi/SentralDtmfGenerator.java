package dev.sentral.media.spi;

import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.player.AudioClip;
import dev.sentral.media.rtp.Playout;
import dev.sentral.media.rtp.RtpEndpoint;
import org.restcomm.media.spi.dtmf.DtmfGenerator;
import org.restcomm.media.spi.dtmf.DtmfGeneratorEvent;
import org.restcomm.media.spi.dtmf.DtmfGeneratorListener;

import java.util.List;

/**
 * The Restcomm media SPI's {@link DtmfGenerator} on Sentral's engine: {@link #setOOBDigit} sends the key as
 * RFC 4733 events, {@link #setDigit} plays it as in-band tones in the call's G.711 codec. Listeners hear
 * COMPLETED on the endpoint's event loop when the key has been sent.
 */
public final class SentralDtmfGenerator extends SpiResource<DtmfGeneratorListener, DtmfGeneratorEvent>
        implements DtmfGenerator {
    private static final long serialVersionUID = 1L;

    private final transient RtpEndpoint endpoint;
    private final int telephoneEventPt;
    private final int audioPt;
    private volatile String digit;
    private volatile String oobDigit;
    private volatile int toneDurationMillis = 100;
    private volatile int volumeDbm0 = -10;
    private volatile boolean started;
    private volatile long sent;

    public SentralDtmfGenerator(String id, RtpEndpoint endpoint, int telephoneEventPt, int audioPt) {
        super(id);
        this.endpoint = endpoint;
        this.telephoneEventPt = telephoneEventPt;
        this.audioPt = audioPt;
    }

    @Override
    public void start() {
        String oob = oobDigit;
        String inBand = digit;
        if (oob != null) {
            started = true;
            endpoint.sendDigit(DtmfDigit.ofSymbol(oob.charAt(0)), telephoneEventPt, toneDurationMillis, this::completed);
        } else if (inBand != null) {
            started = true;
            endpoint.play(List.of(tone(DtmfDigit.ofSymbol(inBand.charAt(0)))), audioPt, false, Playout.Position.START,
                    (p, completed) -> completed());
        }
    }

    /** The key's two frequencies for the tone duration, then 60 ms of silence as the inter-digit gap. */
    private AudioClip tone(DtmfDigit d) {
        int n = 8 * toneDurationMillis;
        short[] s = new short[n + 8 * 60];
        double amplitude = 16000 * Math.pow(10, volumeDbm0 / 20.0);
        for (int i = 0; i < n; i++) {
            double t = i / 8000.0;
            s[i] = (short) (amplitude * (Math.sin(2 * Math.PI * d.lowHz() * t) + Math.sin(2 * Math.PI * d.highHz() * t)));
        }
        return AudioClip.fromSamples("dtmf-" + d.symbol(), s);
    }

    private void completed() {
        started = false;
        sent++;
        fire(new DtmfGeneratorEvent(this, DtmfGeneratorEvent.COMPLETED));
    }

    @Override
    public void stop() {
        // a key in flight is short (100 ms by default): it completes
    }

    @Override
    public void setDigit(String digit) {
        this.digit = digit;
        this.oobDigit = null;
    }

    @Override
    public void setOOBDigit(String digit) {
        this.oobDigit = digit;
        this.digit = null;
    }

    @Override
    public String getDigit() {
        return digit;
    }

    @Override
    public String getOOBDigit() {
        return oobDigit;
    }

    @Override
    public void setToneDuration(int millis) {
        this.toneDurationMillis = Math.max(40, millis);
    }

    @Override
    public int getToneDuration() {
        return toneDurationMillis;
    }

    /** Volume in dBm0 (negative), as in the SPI; -10 by default. */
    @Override
    public void setVolume(int volume) {
        this.volumeDbm0 = Math.min(0, volume);
    }

    @Override
    public int getVolume() {
        return volumeDbm0;
    }




    @Override
    public void setInitialDelay(long delay) {
    }

    @Override
    public long getMediaTime() {
        return 0;
    }

    @Override
    public void setMediaTime(long time) {
    }

    @Override
    public long getDuration() {
        return toneDurationMillis;
    }

    @Override
    public void setDuration(long duration) {
        setToneDuration((int) duration);
    }

    @Override
    public boolean isConnected() {
        return !endpoint.isClosed();
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    /** Keys sent (the SPI counts packets; a key is the unit that matters here). */
    @Override
    public long getPacketsTransmitted() {
        return sent;
    }

    @Override
    public long getBytesTransmitted() {
        return 0;
    }


    @Override
    public String getName() {
        return "sentral-dtmf-generator";
    }

    @Override
    public void reset() {
        digit = null;
        oobDigit = null;
    }

    @Override
    public void activate() {
        start();
    }

    @Override
    public void deactivate() {
        stop();
    }
}
