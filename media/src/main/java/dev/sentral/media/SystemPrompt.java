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
    NO_VOICEMAIL("no-voicemail"),
    /** A menu's notice after a key no choice begins with. */
    MENU_INVALID("menu-invalid"),
    /** A menu's notice after no key within its time. */
    MENU_TIMEOUT("menu-timeout"),
    /** Feature code: "You are now logged in…" */
    LOGGED_IN("logged-in"),
    /** Feature code: "You are now logged out." */
    LOGGED_OUT("logged-out");


    private final String fileName;

    SystemPrompt(String fileName) {
        this.fileName = fileName;
    }

    /** The resource name inside the jar. */
    public String resource(String language) {
        return "prompts/" + language + "/" + fileName + ".wav";
    }

    /** The largest position announced by number; beyond it the caller hears "more than ten callers ahead". */
    public static final int MAX_ANNOUNCED_POSITION = 10;

    /**
     * The clips announcing a queue position, in order: "You are number" + N + "in the queue", or "there are
     * more than ten callers ahead of you".
     */
    public static java.util.List<String> positionUrls(int position, String language) {
        String base = "classpath:prompts/" + language + "/position-";
        if (position > MAX_ANNOUNCED_POSITION) {
            return java.util.List.of(base + "more.wav");
        }
        return java.util.List.of(base + "intro.wav", base + position + ".wav", base + "outro.wav");
    }

    /**
     * The clips of the estimated wait: "The expected waiting time is" + "less than a minute" | "about N
     * minutes" (rounded, 1 to 10) | "more than ten minutes".
     */
    public static java.util.List<String> waitUrls(java.time.Duration estimate, String language) {
        String base = "classpath:prompts/" + language + "/wait-";
        long minutes = Math.round(estimate.toSeconds() / 60.0);
        String amount = minutes > MAX_ANNOUNCED_POSITION ? "more" : String.valueOf(minutes);
        return java.util.List.of(base + "intro.wav", base + amount + ".wav");
    }

    /** Every announcement clip of a language (positions and waits), for preloading. */
    public static java.util.List<String> allAnnouncementUrls(String language) {
        java.util.List<String> out = new java.util.ArrayList<>(positionUrls(MAX_ANNOUNCED_POSITION + 1, language));
        for (int i = 1; i <= MAX_ANNOUNCED_POSITION; i++) {
            out.addAll(positionUrls(i, language));
        }
        for (int m = 0; m <= MAX_ANNOUNCED_POSITION + 1; m++) {
            out.addAll(waitUrls(java.time.Duration.ofMinutes(m), language));
        }
        return out.stream().distinct().toList();
    }

    /** The prompt whose file is {@code <name>.wav} (a call flow's notice names it so). */
    public static SystemPrompt named(String name) {
        for (SystemPrompt p : values()) {
            if (p.fileName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no system prompt '" + name + "'");
    }

    /** What the SPI player's {@code setURL} takes. */
    public String url(String language) {
        return "classpath:" + resource(language);
    }
}
