package dev.sentral.media.player;

import java.nio.file.Path;

/** An audio file that cannot be used; the message names the file, the reason and what to do. */
public final class AudioFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AudioFileException(Path file, String reason) {
        super(file + ": " + reason);
    }

    public AudioFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
