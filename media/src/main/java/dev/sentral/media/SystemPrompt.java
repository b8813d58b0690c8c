package dev.sentral.media;


/**
 * The system prompts shipped in Sentral's jar ({@code prompts/<language>/<name>.wav}, made by
 * {@code scripts/generate-prompts.sh}). Played through the SPI player by URL; the server preloads them all
 * at start so that no call waits for decoding.
 */
public enum SystemPrompt {
    /** "Unfortunately we cannot take your call right now. Please try again later." */
    CANNOT_TAKE_CALL("cannot-take-call"),
    /** The voicemail stub: "…and no message can be left. Please try again later." */
    NO_VOICEMAIL("no-voicemail");


    private final String fileName;

    SystemPrompt(String fileName) {
        this.fileName = fileName;
    }

    /** The resource name inside the jar. */
    public String resource(String language) {
        return "prompts/" + language + "/" + fileName + ".wav";
    }

    /** What the SPI player's {@code setURL} takes. */
    public String url(String language) {
        return "classpath:" + resource(language);
    }
}
