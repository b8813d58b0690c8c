package dev.sentral.config;

import java.time.Duration;

/** Every default value of the configuration, in one place. config/README.md documents each. */
public final class ConfigDefaults {
    private ConfigDefaults() {
    }

    public static final String SIP_BIND_ADDRESS = "127.0.0.1";
    public static final int SIP_PORT = 5060;
    public static final String USER_AGENT = "Sentral/0.1";

    public static final String MEDIA_ADDRESS = "127.0.0.1";
    public static final int RTP_PORT_MIN = 20000;
    public static final int RTP_PORT_MAX = 29999;
    public static final Duration RTP_INACTIVITY_TIMEOUT = Duration.ofSeconds(60);

    public static final String HTTP_BIND_ADDRESS = "127.0.0.1";
    public static final int HTTP_PORT = 8080;

    public static final Duration SHUTDOWN_DRAIN_TIME = Duration.ofSeconds(30);

    public static final Duration RING_TIMEOUT = Duration.ofSeconds(20);
    public static final int RING_TIMEOUT_MIN_SECONDS = 15;
    public static final int RING_TIMEOUT_MAX_SECONDS = 40;
    public static final int MAX_MEMBERS_PER_PLAN = 25;
}
