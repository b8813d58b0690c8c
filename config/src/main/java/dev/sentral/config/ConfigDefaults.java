package dev.sentral.config;

import java.time.Duration;

/** Every default value of the configuration, in one place. config/README.md documents each. */
public final class ConfigDefaults {
    private ConfigDefaults() {
    }

    public static final String SIP_BIND_ADDRESS = "127.0.0.1";
    public static final int SIP_PORT = 5060;
    public static final String USER_AGENT = "Sentral/0.1";
    /** Digest realm; users' HA1 hashes are made for it. */
    public static final String REALM = "sentral";
    /** Registration lifetime when a phone asks for none, and the bounds Sentral grants (RFC 3261 §10.3). */
    public static final java.time.Duration REGISTRATION_DEFAULT = java.time.Duration.ofSeconds(3600);
    public static final java.time.Duration REGISTRATION_MIN = java.time.Duration.ofSeconds(60);
    public static final java.time.Duration REGISTRATION_MAX = java.time.Duration.ofSeconds(7200);
    /** Failed authentications from one source within the window before it is refused (403) and then ignored. */
    public static final int AUTH_FAILURES_ALLOWED = 5;
    public static final java.time.Duration AUTH_FAILURE_WINDOW = java.time.Duration.ofSeconds(60);
    public static final java.time.Duration AUTH_BLOCK_TIME = java.time.Duration.ofMinutes(5);

    public static final String MEDIA_ADDRESS = "127.0.0.1";
    public static final int RTP_PORT_MIN = 20000;
    public static final int RTP_PORT_MAX = 29999;
    public static final Duration RTP_INACTIVITY_TIMEOUT = Duration.ofSeconds(60);

    /** The embedded H2 database file (H2 adds {@code .mv.db}), relative to the directory Sentral starts in. */
    public static final String STORE_FILE = "data/sentral";
    public static final int STORE_POOL_SIZE = 4;

    /** Calls at once to an outside number that overflow goes to (unless it is also a member elsewhere). */
    public static final int OUTSIDE_NUMBER_CALLS = 10;

    public static final String FEATURE_LOG_IN = "*21";
    public static final String FEATURE_LOG_OUT = "*22";

    public static final Duration MENU_NO_INPUT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MENU_INTER_DIGIT_TIMEOUT = Duration.ofSeconds(3);
    public static final int MENU_RETRIES = 2;
    public static final int MAX_PROMPTS = 50;

    public static final String HTTP_BIND_ADDRESS = "127.0.0.1";
    public static final int HTTP_PORT = 8080;

    public static final Duration SHUTDOWN_DRAIN_TIME = Duration.ofSeconds(30);

    public static final Duration RING_TIMEOUT = Duration.ofSeconds(20);
    public static final int RING_TIMEOUT_MIN_SECONDS = 15;
    public static final int RING_TIMEOUT_MAX_SECONDS = 40;
    public static final int MAX_MEMBERS_PER_PLAN = 25;
    public static final int MAX_GREETINGS = 4;
    /** Waiting callers hear their queue position this long after the previous announcement ended (or the music began). */
    public static final java.time.Duration ANNOUNCE_INTERVAL = java.time.Duration.ofSeconds(30);
    public static final int MAX_MUSIC_LISTS = 3;
    public static final int MAX_MUSIC_FILES = 10;
    /** Language of system prompts; {@code en} or {@code da}. */
    public static final String LANGUAGE = "en";
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "da");
    /** Members rung at once by the parallel strategies (simultaneous, priority-levels). */
    public static final int MAX_PARALLEL_OFFERS = 10;
    public static final int QUEUE_CAPACITY = 10;
    public static final int MAX_QUEUE_CAPACITY = 1000;
    public static final int MAX_MEMBER_LEVEL = 9;
    public static final int MAX_CALLS_PER_MEMBER = 100_000;
    /** A round that ended without an answer is followed by the next one after this pause. */
    public static final Duration ROUND_PAUSE = Duration.ofSeconds(5);
    /** A member who answered 486 Busy is not offered another call for this long (unless freed sooner). */
    public static final Duration BUSY_HOLD_OFF = Duration.ofSeconds(15);
    /** How many times a call may move on to another plan's number (stops overflow loops). */
    public static final int MAX_OVERFLOW_HOPS = 3;
}
