package dev.sentral.media.spi;

import dev.sentral.media.dtmf.DtmfDigit;
import dev.sentral.media.rtp.Recording;
import dev.sentral.media.rtp.RtpEndpoint;
import org.restcomm.media.spi.memory.Frame;
import org.restcomm.media.spi.recorder.Recorder;
import org.restcomm.media.spi.recorder.RecorderEvent;
import org.restcomm.media.spi.recorder.RecorderListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The Restcomm media SPI's {@link Recorder} on Sentral's engine: records what one leg's far end says into a
 * WAV file (voicemail, greetings recorded by phone). Times are in milliseconds: the maximum length, the
 * pre-speech timer (give up when nobody speaks) and the post-speech timer (silence that ends it). A key
 * pressed during recording ends it too ({@link #endedByKey()}). Listeners get START, then STOP with
 * SUCCESS, MAX_DURATION_EXCEEDED or NO_SPEECH (or FAILED), on the I/O executor once the file is written.
 */
public final class SentralRecorder extends SpiResource<RecorderListener, RecorderEvent> implements Recorder {
    private static final long serialVersionUID = 1L;

    private final transient RtpEndpoint endpoint;
    private final int audioPt;
    private final int telephoneEventPt;
    private final transient Executor io;
    private transient Path dir = Path.of(".");
    private transient Path file;
    private long maxMillis = 120_000;
    private long preSpeechMillis = 5_000;
    private long postSpeechMillis = 3_000;
    private transient volatile Recording recording;
    private transient volatile DtmfDigit endedByKey;

    public SentralRecorder(String id, RtpEndpoint endpoint, int audioPt, int telephoneEventPt, Executor io) {
        super(id);
        this.endpoint = endpoint;
        this.audioPt = audioPt;
        this.telephoneEventPt = telephoneEventPt;
        this.io = io;
    }

    @Override
    public void setRecordDir(String directory) {
        this.dir = Path.of(directory);
    }

    @Override
    public void setRecordFile(String name, boolean append) throws IOException {
        if (append) {
            throw new IOException("appending to a recording is not supported; record to a new file");
        }
        Path p = name.startsWith("file:") ? Path.of(java.net.URI.create(name)) : Path.of(name);
        this.file = p.isAbsolute() ? p : dir.resolve(p);
    }

    @Override
    public void setMaxRecordTime(long millis) {
        this.maxMillis = millis;
    }

    @Override
    public void setPreSpeechTimer(long millis) {
        this.preSpeechMillis = millis;
    }

    @Override
    public void setPostSpeechTimer(long millis) {
        this.postSpeechMillis = millis;
    }

    /** Starts recording. */
    @Override
    public void activate() {
        if (file == null) {
            fire(RecorderEvent.FAILED, 0);
            return;
        }
        endedByKey = null;
        fire(RecorderEvent.START, 0);
        recording = endpoint.record(new Recording.Options(file, Duration.ofMillis(maxMillis),
                Duration.ofMillis(postSpeechMillis), Duration.ofMillis(preSpeechMillis), audioPt, telephoneEventPt),
                io, (r, reason, key, recorded) -> {
                    recording = null;
                    endedByKey = key;
                    switch (reason) {
                        case MAX_DURATION -> fire(RecorderEvent.STOP, RecorderEvent.MAX_DURATION_EXCEEDED);
                        case NO_SPEECH -> fire(RecorderEvent.STOP, RecorderEvent.NO_SPEECH);
                        case FAILED -> fire(RecorderEvent.FAILED, 0);
                        default -> fire(RecorderEvent.STOP, RecorderEvent.SUCCESS);
                    }
                });
    }

    /** Stops recording, keeping what was recorded. */
    @Override
    public void deactivate() {
        Recording r = recording;
        if (r != null) {
            r.stop();
        }
    }

    /** The key that ended the last recording, or null. */
    public DtmfDigit endedByKey() {
        return endedByKey;
    }

    @Override
    public boolean isStarted() {
        return recording != null;
    }

    @Override
    public long getPacketsReceived() {
        return endpoint.packetsReceived();
    }

    @Override
    public long getBytesReceived() {
        return 0;
    }

    /** Frames are not pushed through the SPI: the recorder reads the endpoint's RTP directly. */
    @Override
    public void perform(Frame frame) {
    }





    @Override
    public String getName() {
        return "sentral-recorder";
    }

    @Override
    public void reset() {
        deactivate();
        file = null;
    }

    private void fire(int eventId, int qualifier) {
        fire(new Event(this, eventId, qualifier));
    }

    private record Event(Recorder source, int id, int qualifier) implements RecorderEvent {
        @Override
        public int getID() {
            return id;
        }

        @Override
        public int getQualifier() {
            return qualifier;
        }

        @Override
        public Recorder getSource() {
            return source;
        }
    }
}
