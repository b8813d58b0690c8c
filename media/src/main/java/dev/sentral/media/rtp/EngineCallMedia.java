package dev.sentral.media.rtp;

import dev.sentral.media.CallMedia;
import dev.sentral.media.KeyDetector;
import dev.sentral.media.LegMedia;
import dev.sentral.media.player.ClipLoader;
import dev.sentral.media.spi.SentralDtmfDetector;
import dev.sentral.media.spi.SentralDtmfGenerator;
import dev.sentral.media.spi.SentralPlayer;
import dev.sentral.media.spi.SentralRecorder;
import org.restcomm.media.spi.dtmf.DtmfGenerator;
import org.restcomm.media.spi.player.Player;
import org.restcomm.media.spi.recorder.Recorder;

import java.util.concurrent.Executor;

/** {@link CallMedia} on two engine endpoints that share one event loop. */
final class EngineCallMedia implements CallMedia {
    private final Leg caller;
    private final Leg member;

    EngineCallMedia(RtpEndpoint caller, RtpEndpoint member, ClipLoader clips) {
        this.caller = new Leg(caller, clips);
        this.member = new Leg(member, clips);
    }

    @Override
    public LegMedia caller() {
        return caller;
    }

    @Override
    public LegMedia member() {
        return member;
    }

    @Override
    public void bridge(Runnable onSilence) {
        caller.endpoint.relayTo(member.endpoint);
        member.endpoint.relayTo(caller.endpoint);
        caller.endpoint.watchInactivity(e -> onSilence.run());
    }

    @Override
    public void watchCaller(Runnable onSilence) {
        caller.endpoint.watchInactivity(e -> onSilence.run());
    }

    @Override
    public void close() {
        caller.endpoint.close();
        member.endpoint.close();
    }

    private record Leg(RtpEndpoint endpoint, ClipLoader clips) implements LegMedia {
        @Override
        public String address() {
            return endpoint.address();
        }

        @Override
        public int port() {
            return endpoint.port();
        }

        @Override
        public void setRemote(String host, int port) {
            endpoint.setRemote(host, port);
        }

        @Override
        public long packetsReceived() {
            return endpoint.packetsReceived();
        }

        @Override
        public long packetsSent() {
            return endpoint.packetsSent();
        }

        @Override
        public Player player(String id, int payloadType) {
            return new SentralPlayer(id, endpoint, clips, payloadType);
        }

        @Override
        public Recorder recorder(String id, int audioPt, int telephoneEventPt, Executor io) {
            return new SentralRecorder(id, endpoint, audioPt, telephoneEventPt, io);
        }

        @Override
        public KeyDetector keyDetector(String id, Executor owner) {
            return new SentralDtmfDetector(id, endpoint, owner);
        }

        @Override
        public DtmfGenerator keyGenerator(String id, int telephoneEventPt, int audioPt) {
            return new SentralDtmfGenerator(id, endpoint, telephoneEventPt, audioPt);
        }
    }
}
