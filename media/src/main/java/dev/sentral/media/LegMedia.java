package dev.sentral.media;

import org.restcomm.media.spi.dtmf.DtmfGenerator;
import org.restcomm.media.spi.player.Player;
import org.restcomm.media.spi.recorder.Recorder;

import java.util.concurrent.Executor;

/** One leg's media endpoint: where the far end sends, where Sentral sends, and the SPI resources on it. */
public interface LegMedia {
    /** Sentral's media address for this leg (goes into SDP). */
    String address();

    /** The leg's RTP port (RTCP is the one above). */
    int port();

    /** Where the far end's SDP says to send; the actual source address of its packets wins (symmetric RTP). */
    void setRemote(String host, int port);

    long packetsReceived();

    long packetsSent();

    /** A player for prompts and music to this leg's far end, in G.711 {@code payloadType} (0 or 8). */
    Player player(String id, int payloadType);

    /**
     * Records what this leg's far end says (G.711 {@code audioPt}; a key of RFC 4733 {@code telephoneEventPt}
     * ends it); the file is written, and listeners called, on {@code io}.
     */
    Recorder recorder(String id, int audioPt, int telephoneEventPt, Executor io);

    /** The keys this leg's far end presses; listeners run on {@code owner} (the call's executor). */
    KeyDetector keyDetector(String id, Executor owner);

    /** Sends keys to this leg's far end (RFC 4733 with {@code telephoneEventPt}, or tones in {@code audioPt}). */
    DtmfGenerator keyGenerator(String id, int telephoneEventPt, int audioPt);
}
