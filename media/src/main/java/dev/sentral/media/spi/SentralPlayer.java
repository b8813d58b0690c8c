package dev.sentral.media.spi;

import dev.sentral.media.player.AudioClip;
import dev.sentral.media.player.AudioFileException;
import dev.sentral.media.player.ClipLoader;
import dev.sentral.media.rtp.Playout;
import dev.sentral.media.rtp.RtpEndpoint;
import org.restcomm.media.spi.ResourceUnavailableException;
import org.restcomm.media.spi.player.Player;
import org.restcomm.media.spi.player.PlayerEvent;
import org.restcomm.media.spi.player.PlayerListener;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Restcomm media SPI's {@link Player} on Sentral's engine: plays clips to one endpoint's far end through
 * the engine's pacer. {@link #setURL} takes a file URL or path, a {@code classpath:} prompt shipped in the jar, or
 * several of them separated by commas (a playlist).
 * Media time is in milliseconds. Listeners get START, then STOP when the list has played or
 * {@link #stop()} was called, or FAILED; they are called on the endpoint's event loop and must not block.
 *
 * <p>{@code setURL} decodes a file it has not seen before, which blocks: preload prompts at configuration
 * time (the {@link ClipLoader} caches them) so that calls only hit the cache.
 */
public final class SentralPlayer extends SpiResource<PlayerListener, PlayerEvent> implements Player {
    private static final long serialVersionUID = 1L;

    private final transient RtpEndpoint endpoint;
    private final transient ClipLoader loader;
    private final int payloadType;
    private transient List<AudioClip> clips = List.of();
    private transient volatile Playout playout;
    private long startAtMillis;
    /** Frames sent by earlier playouts of this player. */
    private volatile long framesBefore;

    /** URL prefix of the prompts shipped in Sentral's jar, e.g. {@code classpath:prompts/en/cannot-take-call.wav}. */
    public static final String CLASSPATH = "classpath:";

    public SentralPlayer(String id, RtpEndpoint endpoint, ClipLoader loader, int payloadType) {
        super(id);
        this.endpoint = endpoint;
        this.loader = loader;
        this.payloadType = payloadType;
    }

    @Override
    public void setURL(String url) throws MalformedURLException, ResourceUnavailableException {
        List<AudioClip> list = new ArrayList<>();
        for (String part : url.split(",")) {
            String trimmed = part.trim();
            try {
                list.add(trimmed.startsWith(CLASSPATH) ? loader.loadResource(trimmed.substring(CLASSPATH.length()))
                        : loader.load(toPath(trimmed)));
            } catch (AudioFileException e) {
                throw new ResourceUnavailableException(e.getMessage(), e);
            }
        }
        clips = List.copyOf(list);
        startAtMillis = 0;
    }

    private static Path toPath(String s) throws MalformedURLException {
        if (s.isEmpty()) {
            throw new MalformedURLException("empty URL");
        }
        if (s.startsWith("file:")) {
            try {
                return Path.of(URI.create(s));
            } catch (IllegalArgumentException e) {
                throw new MalformedURLException(s + ": " + e.getMessage());
            }
        }
        if (s.contains("://")) {
            throw new MalformedURLException(s + ": only file URLs and paths are played");
        }
        return Path.of(s);
    }

    @Override
    public void start() {
        if (clips.isEmpty()) {
            fire(PlayerEvent.FAILED, PlayerEvent.BAD_URI);
            return;
        }
        int frame = (int) (startAtMillis / 20);
        int clip = 0;
        while (clip < clips.size() - 1 && frame >= clips.get(clip).frames()) {
            frame -= clips.get(clip).frames();
            clip++;
        }
        Playout previous = playout;
        if (previous != null) {
            framesBefore += previous.framesSent();
        }
        fire(PlayerEvent.START, 0);
        playout = endpoint.play(clips, payloadType, false, new Playout.Position(clip, frame),
                (p, completed) -> fire(PlayerEvent.STOP, 0));
    }

    @Override
    public void stop() {
        Playout p = playout;
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public boolean isStarted() {
        Playout p = playout;
        return p != null && !p.isStopped();
    }

    /** Milliseconds into the list: where playing is, or where it will start. */
    @Override
    public long getMediaTime() {
        Playout p = playout;
        if (p == null) {
            return startAtMillis;
        }
        Playout.Position pos = p.position();
        long frames = pos.frame();
        for (int i = 0; i < pos.clip(); i++) {
            frames += clips.get(i).frames();
        }
        return frames * 20;
    }

    @Override
    public void setMediaTime(long millis) {
        startAtMillis = Math.max(0, millis);
    }

    @Override
    public long getDuration() {
        return clips.stream().mapToLong(c -> c.duration().toMillis()).sum();
    }

    @Override
    public void setDuration(long duration) {
        // the files decide the duration
    }

    @Override
    public void setInitialDelay(long delay) {
        // playing starts at the next 20 ms tick
    }

    @Override
    public boolean isConnected() {
        return !endpoint.isClosed();
    }

    @Override
    public long getPacketsTransmitted() {
        Playout p = playout;
        return framesBefore + (p == null ? 0 : p.framesSent());
    }

    @Override
    public long getBytesTransmitted() {
        return getPacketsTransmitted() * AudioClip.FRAME_BYTES;
    }





    @Override
    public String getName() {
        return "sentral-player";
    }

    @Override
    public void reset() {
        stop();
        clips = List.of();
        startAtMillis = 0;
    }

    @Override
    public void activate() {
        start();
    }

    @Override
    public void deactivate() {
        stop();
    }

    private void fire(int eventId, int qualifier) {
        fire(new Event(this, eventId, qualifier));
    }

    private record Event(Player source, int id, int qualifier) implements PlayerEvent {
        @Override
        public int getID() {
            return id;
        }

        @Override
        public int getQualifier() {
            return qualifier;
        }

        @Override
        public Player getSource() {
            return source;
        }
    }
}
